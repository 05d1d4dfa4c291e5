// goftar's search page: the URL's query string is the whole state, so every search and every
// article view is a link that can be shared, bookmarked and reloaded.
'use strict';

(function () {
  const PAGE_SIZE = 10;
  const FILTERS = ['speaker', 'role', 'topic', 'source', 'from', 'to'];
  const FILTER_LABELS = {
    speaker: 'گوینده', role: 'سمت', topic: 'موضوع', source: 'منبع', from: 'از', to: 'تا',
  };
  const $ = (id) => document.getElementById(id);

  // ---- text and dates -----------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  const faDigits = new Intl.NumberFormat('fa-IR');
  const number = (n) => faDigits.format(n);

  let jalaliFormat = null;
  let gregorianFormat = null;
  try {
    jalaliFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
      year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC',
    });
    gregorianFormat = new Intl.DateTimeFormat('fa-IR-u-ca-gregory', {
      year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC',
    });
  } catch (e) {
    // A browser without these calendars still shows the ISO date.
  }

  // A date element: Jalali first, the Gregorian date beside it, ISO in the datetime attribute.
  function dateNode(iso) {
    const node = el('time', 'date');
    if (!iso) return node;
    node.dateTime = iso;
    const parsed = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!parsed || !jalaliFormat) {
      node.textContent = iso;
      return node;
    }
    const date = new Date(Date.UTC(+parsed[1], +parsed[2] - 1, +parsed[3]));
    node.textContent = jalaliFormat.format(date);
    node.appendChild(el('span', 'gregorian', '(' + gregorianFormat.format(date) + ')'));
    return node;
  }

  // ---- state in the URL -----------------------------------------------------------------------

  function currentParams() {
    return new URLSearchParams(window.location.search);
  }

  function navigate(params, replace) {
    for (const [key, value] of Array.from(params.entries())) {
      if (!value) params.delete(key);
    }
    const url = params.toString() ? '?' + params.toString() : window.location.pathname;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    render();
  }

  function withParam(key, value) {
    const params = currentParams();
    params.delete('article');
    if (value) params.set(key, value);
    else params.delete(key);
    if (key !== 'page') params.delete('page');
    return params;
  }

  // ---- API ------------------------------------------------------------------------------------

  let inFlight = null;

  async function getJson(path) {
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const response = await fetch(path, {
      signal: inFlight.signal, headers: { Accept: 'application/json' },
    });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : 'HTTP ' + response.status;
      throw new Error(detail);
    }
    return body;
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message ? 'خطا: ' + message : '';
    box.hidden = !message;
  }

  // ---- search results -------------------------------------------------------------------------

  function fillForm(params) {
    $('q').value = params.get('q') || '';
    $('scope').value = params.get('scope') === 'articles' ? 'articles' : 'statements';
    $('sort').value = params.get('sort') === 'date' ? 'date' : 'relevance';
    for (const name of ['speaker', 'from', 'to']) $(name).value = params.get(name) || '';
    if (params.get('speaker') || params.get('from') || params.get('to') || params.get('sort')) {
      $('filters').open = true;
    }
  }

  function renderChips(params) {
    const chips = $('chips');
    chips.replaceChildren();
    for (const name of FILTERS) {
      const value = params.get(name);
      if (!value) continue;
      const chip = el('button', 'chip');
      chip.type = 'button';
      chip.title = 'برداشتن این پالایه';
      chip.append(el('span', 'chip-label', FILTER_LABELS[name] + ': '), el('span', '', value),
        el('span', 'chip-x', ' ×'));
      chip.addEventListener('click', () => navigate(withParam(name, '')));
      chips.appendChild(chip);
    }
  }

  function renderFacets(facets, params) {
    const aside = $('facets');
    aside.replaceChildren();
    const groups = [
      ['speaker', 'گویندگان', facets.speakers],
      ['topic', 'موضوع‌ها', facets.topics],
      ['source', 'منبع‌ها', facets.sources],
    ];
    for (const [name, title, counts] of groups) {
      if (!counts || counts.length === 0) continue;
      const section = el('section', 'facet');
      section.dataset.facet = name;
      section.appendChild(el('h2', '', title));
      const list = el('ul');
      for (const { value, count } of counts.slice(0, 12)) {
        const item = el('li');
        const link = el('a', params.get(name) === value ? 'active' : '');
        link.href = '?' + withParam(name, params.get(name) === value ? '' : value).toString();
        link.append(el('span', 'facet-value', value), el('span', 'count', number(count)));
        item.appendChild(link);
        list.appendChild(item);
      }
      section.appendChild(list);
      aside.appendChild(section);
    }
  }

  function articleLink(articleId, statementId) {
    const params = currentParams();
    params.set('article', articleId);
    return '?' + params.toString() + (statementId ? '#s-' + encodeURIComponent(statementId) : '');
  }

  function renderHit(hit, scope) {
    const item = el('li', 'hit');
    item.dataset.id = hit.id;
    if (scope === 'articles' && hit.title) {
      const heading = el('h3', 'hit-title');
      const link = el('a', '', hit.title);
      link.href = articleLink(hit.article_id);
      heading.appendChild(link);
      item.appendChild(heading);
    }
    if (hit.speaker || hit.role) {
      const who = el('div', 'who');
      if (hit.speaker) {
        const speaker = el('a', 'speaker', hit.speaker);
        speaker.href = '?' + withParam('speaker', hit.speaker).toString();
        who.appendChild(speaker);
      }
      if (hit.role) who.appendChild(el('span', 'role', hit.role));
      if (hit.cue) who.appendChild(el('span', 'cue', hit.cue));
      item.appendChild(who);
    }
    const snippet = el('blockquote', 'snippet');
    // The engine escapes the text and adds only <b> around matches.
    snippet.innerHTML = hit.snippet_html || '';
    if (!snippet.textContent.trim()) snippet.textContent = hit.text || '';
    item.appendChild(snippet);

    const meta = el('div', 'meta');
    if (hit.date) meta.appendChild(dateNode(hit.date));
    if (hit.source) meta.appendChild(el('span', 'source', hit.source));
    if (hit.kind) meta.appendChild(el('span', 'kind', hit.kind === 'direct' ? 'نقل مستقیم' : 'نقل غیرمستقیم'));
    for (const topic of (hit.topics || []).slice(0, 4)) {
      const link = el('a', 'topic', topic);
      link.href = '?' + withParam('topic', topic).toString();
      meta.appendChild(link);
    }
    const full = el('a', 'full', 'متن کامل خبر');
    full.href = articleLink(hit.article_id, scope === 'statements' ? hit.id : '');
    meta.appendChild(full);
    item.appendChild(meta);
    return item;
  }

  function renderPager(total, page) {
    const nav = $('pager');
    nav.replaceChildren();
    const pages = Math.ceil(Math.min(total, 10000) / PAGE_SIZE);
    if (pages <= 1) return;
    const add = (label, target, current) => {
      if (current) {
        const span = el('span', 'current', label);
        span.setAttribute('aria-current', 'page');
        nav.appendChild(span);
        return;
      }
      const link = el('a', '', label);
      link.href = '?' + withParam('page', target > 1 ? String(target) : '').toString();
      nav.appendChild(link);
    };
    if (page > 1) add('« قبلی', page - 1, false);
    const first = Math.max(1, page - 2);
    const last = Math.min(pages, first + 4);
    for (let p = first; p <= last; p++) add(number(p), p, p === page);
    if (page < pages) add('بعدی »', page + 1, false);
  }

  async function renderSearch(params) {
    $('article-view').hidden = true;
    $('results-view').hidden = false;
    fillForm(params);
    renderChips(params);
    const hasFilter = FILTERS.some((name) => params.get(name));
    if (!params.get('q') && !hasFilter) {
      $('summary').textContent = 'نام گوینده یا واژه‌ای از گفته‌ها را بنویسید.';
      $('hits').replaceChildren();
      $('facets').replaceChildren();
      $('pager').replaceChildren();
      return;
    }
    const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
    const scope = params.get('scope') === 'articles' ? 'articles' : 'statements';
    const query = new URLSearchParams();
    for (const name of ['q', 'scope', 'sort'].concat(FILTERS)) {
      if (params.get(name)) query.set(name, params.get(name));
    }
    query.set('limit', String(PAGE_SIZE));
    query.set('offset', String((page - 1) * PAGE_SIZE));
    document.body.setAttribute('aria-busy', 'true');
    try {
      const data = await getJson('/api/search?' + query.toString());
      showError('');
      $('summary').textContent = data.total === 0
        ? 'چیزی پیدا نشد.'
        : number(data.total) + ' نتیجه (' + number(Math.round(data.took_ms * 10) / 10) + ' میلی‌ثانیه)';
      $('hits').replaceChildren(...data.hits.map((hit) => renderHit(hit, scope)));
      $('hits').start = (page - 1) * PAGE_SIZE + 1;
      renderFacets(data.facets || {}, params);
      renderPager(data.total, page);
    } catch (error) {
      if (error.name === 'AbortError') return;
      showError(error.message);
      $('hits').replaceChildren();
      $('summary').textContent = '';
    } finally {
      document.body.removeAttribute('aria-busy');
    }
  }

  // ---- one article ----------------------------------------------------------------------------

  async function renderArticle(id) {
    const view = $('article-view');
    $('results-view').hidden = true;
    view.hidden = false;
    view.replaceChildren(el('p', 'summary', 'در حال بارگذاری…'));
    let article;
    try {
      article = await getJson('/api/articles/' + encodeURIComponent(id));
      showError('');
    } catch (error) {
      if (error.name === 'AbortError') return;
      view.replaceChildren();
      showError(error.message);
      return;
    }
    const back = el('a', 'back', '→ بازگشت به نتیجه‌ها');
    back.href = '?' + withParam('article', '').toString();
    const parts = [back, el('h1', 'article-title', article.title || article.id)];
    const meta = el('div', 'meta');
    if (article.date) meta.appendChild(dateNode(article.date));
    if (article.source) meta.appendChild(el('span', 'source', article.source));
    for (const topic of article.topics || []) meta.appendChild(el('span', 'topic', topic));
    parts.push(meta);

    const statements = article.statements || [];
    if (statements.length) {
      const section = el('section', 'statements');
      section.appendChild(el('h2', '', 'گفته‌ها (' + number(statements.length) + ')'));
      const list = el('ol');
      for (const s of statements) {
        const item = el('li', 'statement');
        item.id = 's-' + s.id;
        const who = el('div', 'who');
        who.appendChild(el('span', 'speaker', s.speaker || 'گوینده نامعلوم'));
        if (s.role) who.appendChild(el('span', 'role', s.role));
        if (s.cue) who.appendChild(el('span', 'cue', s.cue));
        item.append(who, el('blockquote', 'snippet', s.text));
        list.appendChild(item);
      }
      section.appendChild(list);
      parts.push(section);
    }

    const body = el('section', 'body');
    body.appendChild(el('h2', '', 'متن خبر'));
    for (const paragraph of article.paragraphs || []) body.appendChild(el('p', '', paragraph));
    parts.push(body);

    const removed = article.removed || [];
    if (removed.length) {
      const details = el('details', 'removed');
      details.appendChild(el('summary', '', 'بندهای کنارگذاشته (' + number(removed.length) + ')'));
      const reasons = { duplicate: 'تکراری', near_duplicate: 'تقریباً تکراری', boilerplate: 'قالبی' };
      for (const r of removed) {
        const p = el('p', '', r.text);
        p.prepend(el('span', 'reason', reasons[r.reason] || r.reason));
        details.appendChild(p);
      }
      parts.push(details);
    }
    view.replaceChildren(...parts);
    document.title = (article.title || article.id) + ' — گفتار';
    if (window.location.hash) {
      const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) {
        target.classList.add('target');
        target.scrollIntoView({ block: 'center' });
      }
    }
  }

  function render() {
    const params = currentParams();
    const article = params.get('article');
    if (article) {
      fillForm(params);
      renderArticle(article);
    }
    else {
      document.title = 'گفتار — جست‌وجوی گفته‌ها';
      renderSearch(params);
    }
  }

  // ---- wiring ---------------------------------------------------------------------------------

  function onSubmit(event) {
    event.preventDefault();
    const form = new FormData($('search'));
    const params = new URLSearchParams();
    for (const [key, value] of form.entries()) {
      const text = String(value).trim();
      if (!text) continue;
      if ((key === 'scope' && text === 'statements') || (key === 'sort' && text === 'relevance')) continue;
      params.set(key, text);
    }
    // Facet filters that have no form field survive a new query.
    const current = currentParams();
    for (const name of ['role', 'topic', 'source']) {
      if (current.get(name)) params.set(name, current.get(name));
    }
    navigate(params);
  }

  let suggestTimer = 0;
  function suggestSpeakers() {
    clearTimeout(suggestTimer);
    const prefix = $('speaker').value.trim();
    if (!prefix) return;
    suggestTimer = setTimeout(async () => {
      try {
        const response = await fetch('/api/speakers?limit=8&prefix=' + encodeURIComponent(prefix));
        if (!response.ok) return;
        const data = await response.json();
        const list = $('speaker-names');
        list.replaceChildren(...(data.speakers || []).map((s) => {
          const option = document.createElement('option');
          option.value = typeof s === 'string' ? s : (s.name || s.value || '');
          return option;
        }));
      } catch (e) {
        // Suggestions are a convenience; typing still works without them.
      }
    }, 150);
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a');
    if (!link || link.origin !== window.location.origin || link.pathname !== window.location.pathname) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.pushState(null, '', link.href);
    render();
    window.scrollTo(0, 0);
  });
  $('search').addEventListener('submit', onSubmit);
  $('speaker').addEventListener('input', suggestSpeakers);
  window.addEventListener('popstate', render);
  render();
})();
