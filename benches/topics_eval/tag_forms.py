"""Learns the tag-form table (src/topics/data/tag_forms.tsv, see src/topics/tag_forms.rs) from the
TRAIN split only: for each news source (the articles' `source`: each outlet's editors tag their
own way) and each topic `goftar` shows, the longer phrase holding it that editors tagged instead
(varzesh3: `استقلال` -> `استقلال تهران`, `یونایتد` -> `منچستر یونایتد`).

Reads NAME_gold_train.jsonl and out_NAME_train/articles.jsonl, which must come from a run WITHOUT the
table (`GOFTAR_TOPIC_FORMS=off benches/topics_eval/eval.sh train`). A form is kept when editors
tagged one longer phrase holding it in at least MIN_TAGGED of the training articles showing it
(top 10), in at least MIN_SHARE of them, and more often than they tagged the form itself.

It also writes src/topics/data/joiner_use.tsv: per source, how many training tags there are and how
many hold a joiner (ZWNJ); editors who nearly never type one tag two-word names spaced.

usage: tag_forms.py [--cv]   --cv: 2-fold cross-validated exact/partial F1@5 on TRAIN (no write).
"""
import collections
import hashlib
import json
import os
import sys

from common import FILES, REPO, work
from fa_fold import tokens

MIN_TAGGED = 2  # as tag_forms.rs
MIN_SHARE = 0.3  # as tag_forms.rs
SHOWN = 10


def cv_half(aid):
    """The fold (0 or 1) of a training article in the 2-fold cross-validation every learning script uses."""
    return int(hashlib.md5(aid.encode()).hexdigest(), 16) % 2


def cross_fitted(arts, learn_on, apply_to):
    """Each article's output under a table learned on the other half of `arts` (2-fold
    cross-fitting by `cv_half`): `learn_on(articles)` gives a table, `apply_to(article, table)`
    the article's topics."""
    outputs = {}
    for h in (0, 1):
        table = learn_on([a for a in arts if cv_half(a[0]) != h])
        outputs.update({a[0]: apply_to(a, table) for a in arts if cv_half(a[0]) == h})
    return outputs


def load(part='train'):
    arts = {}  # id -> (id, topics, raw tags, source); the scorer keeps the last line of an id
    for name in FILES:
        gold = {}
        for line in open(work(f'{name}_gold_{part}.jsonl')):
            a = json.loads(line)
            gold[a['id']] = (a.get('tags') or [], a.get('source') or '')
        for line in open(work(f'out_{name}_{part}/articles.jsonl')):
            a = json.loads(line)
            if a['id'] in gold:
                tags, source = gold[a['id']]
                arts[a['id']] = (a['id'], a.get('topics') or [], tags, source)
    return list(arts.values())


def contains(longer, short):
    n = len(short)
    return len(longer) > n and any(longer[i:i + n] == short for i in range(len(longer) - n + 1))


def learn(arts, min_tagged=MIN_TAGGED, min_share=MIN_SHARE):
    """{source: {form tokens: (tag as written, tagged, shown)}}."""
    sources = {a[3] for a in arts}
    return {s: learn_source([a for a in arts if a[3] == s], min_tagged, min_share) for s in sources}


def learn_source(arts, min_tagged, min_share):
    """{form tokens: (tag as written, tagged, shown)} of one source's articles."""
    shown, itself, longer = collections.Counter(), collections.Counter(), collections.Counter()
    spellings = collections.defaultdict(collections.Counter)
    for _, topics, tags, _ in arts:
        written = {}
        for t in tags:
            written.setdefault(tuple(tokens(t)), ' '.join(t.split()))
        for topic in topics[:SHOWN]:
            form = tuple(tokens(topic))
            if not form:
                continue
            shown[form] += 1
            itself[form] += form in written
            for tag, raw in written.items():
                if contains(tag, form):
                    longer[form, tag] += 1
                    spellings[tag][raw] += 1
    best = {}
    for (form, tag), n in longer.items():
        if n >= min_tagged and n >= min_share * shown[form] and n > itself[form]:
            if form not in best or n > best[form][1]:
                best[form] = (tag, n)
    return {f: (spellings[t].most_common(1)[0][0], n, shown[f]) for f, (t, n) in best.items()}


def apply(topics, table):
    """As src/topics/mod.rs shows them: a tag form already shown leaves the topic as it is."""
    out, seen = [], set()
    for topic in topics:
        form = tuple(tokens(topic))
        if form in table and tuple(tokens(table[form][0])) not in seen:
            topic = table[form][0]
        key = tuple(tokens(topic))
        if key not in seen:
            seen.add(key)
            out.append(topic)
    return out


def f1_at_5(arts, outputs):
    """Exact and partial F1@5 as ../shared/eval/topics_score.py computes them."""
    result = []
    for exact in (True, False):
        tp_p = tp_r = n_p = n_g = 0
        for aid, _, tags, _ in arts:
            gold = [t for t in {tuple(tokens(t)) for t in tags} if t]
            if len(gold) < 2:
                continue
            preds = [p for p in (tuple(tokens(x)) for x in outputs[aid]) if p][:5]

            def hit(a, b):
                return a == b if exact else len(set(a) & set(b)) / len(set(a) | set(b)) >= 0.5
            tp_p += sum(any(hit(p, t) for t in gold) for p in preds)
            tp_r += sum(any(hit(p, t) for p in preds) for t in gold)
            n_p += len(preds)
            n_g += len(gold)
        p, r = tp_p / max(n_p, 1), tp_r / max(n_g, 1)
        result.append(round(2 * p * r / (p + r), 4) if p + r else 0.0)
    return result


def main():
    arts = load()
    if '--cv' in sys.argv:
        outputs = cross_fitted(arts, learn, lambda a, table: apply(a[1], table.get(a[3], {})))
        print('train without table (exact, partial F1@5):', f1_at_5(arts, {a[0]: a[1] for a in arts}))
        print('train 2-fold cross-fitted table:           ', f1_at_5(arts, outputs))
        return
    table = learn(arts)
    path = os.path.join(REPO, 'src', 'topics', 'data', 'tag_forms.tsv')
    with open(path, 'w') as f:
        f.write('# source\tform\ttag\ttagged\tshown (see benches/topics_eval/tag_forms.py)\n')
        for source in sorted(table):
            for form, (tag, n, shown) in sorted(table[source].items()):
                f.write(f"{source}\t{' '.join(form)}\t{tag}\t{n}\t{shown}\n")
    print(f'{sum(map(len, table.values()))} tag forms written to {path}')
    tags, joined = collections.Counter(), collections.Counter()
    for _, _, raw_tags, source in arts:
        for t in raw_tags:
            tags[source] += 1
            joined[source] += '\u200c' in t
    path = os.path.join(REPO, 'src', 'topics', 'data', 'joiner_use.tsv')
    with open(path, 'w') as f:
        f.write('# source\ttags\ttags with a joiner (see benches/topics_eval/tag_forms.py)\n')
        for source in sorted(tags):
            f.write(f'{source}\t{tags[source]}\t{joined[source]}\n')
    print(f'joiner use of {len(tags)} sources written to {path}')


if __name__ == '__main__':
    main()
