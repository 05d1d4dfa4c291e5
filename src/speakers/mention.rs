//! Speaker phrases: finding the subject of a reporting clause and splitting it into name and role.
//!
//! Persian is subject–object–verb and the subject opens the clause, so the speaker is the noun
//! phrase at the start of the clause that ends in the cue, cut where an adverbial or the object
//! begins. A clause can follow another inside one sentence (`… آغاز می‌شود معاون استاندار گفت`),
//! so every clause start is tried from the nearest back, and the nearest phrase that looks like a
//! speaker wins.

use super::lexicon::{
    is_clause_break, is_clause_opener, is_complement_taking, is_demonstrative, is_given_name,
    is_group_head, is_honorific, is_honorific_pair, is_media_head, is_non_speaker_subject,
    is_np_stop, is_opener_pair, is_org_head, is_past_verb, is_pronoun, is_role_head,
    is_surname_suffix, opener_phrase_len,
};
use super::text::{Para, Token, gap_has};

/// How a phrase refers to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// `وی`, `او`, `ایشان`.
    Pronoun,
    /// `این مقام مسئول`, `این متخصص`: refers back like a pronoun.
    Demonstrative,
    /// A person's name, maybe with a role.
    Name,
    /// A role alone (`شهردار قم`).
    Role,
    /// An unnamed group (`برخی نمایندگان`).
    Group,
    /// An organization (`وزارت امور خارجه`).
    Org,
}

/// A speaker phrase found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub kind: MentionKind,
    /// Byte span of the whole phrase.
    pub start: usize,
    pub end: usize,
    pub name: Option<String>,
    pub name_keys: Vec<String>,
    pub role: Option<String>,
    pub role_keys: Vec<String>,
    /// Looks like a speaker by itself (not just a short unknown phrase).
    pub strong: bool,
    /// The phrase names a medium (a news source rather than a speaker).
    pub media: bool,
}

/// Names already seen in the article (folded words), so a bare surname is recognized.
pub(crate) type Known = super::lexicon::WordSet;

const MAX_PHRASE: usize = 14;

/// The speaker of a cue whose clause runs from `floor` to `cue_start`.
pub(crate) fn find_subject(
    p: &Para,
    floor: usize,
    cue_start: usize,
    known: &Known,
) -> Option<Mention> {
    let text = p.text;
    let toks = p.words(floor, cue_start);
    if toks.is_empty() {
        return None;
    }
    // A clause opened by `اینکه` / `این که` is subordinate: its subject is not the speaker.
    let subordinate = |i: usize| {
        toks[i].key == "اینکه"
            || (toks[i].key == "که" && i > 0 && matches!(&*toks[i - 1].key, "این" | "ان"))
    };
    let clause_starts: Vec<usize> = std::iter::once(0)
        .chain(
            (0..toks.len())
                .filter(|&i| ends_clause(text, toks, i) && !subordinate(i))
                .map(|i| i + 1),
        )
        .filter(|&i| i < toks.len())
        .collect();
    for (c, &s) in clause_starts.iter().enumerate().rev() {
        let clause_end = clause_starts.get(c + 1).copied().unwrap_or(toks.len());
        // The clause's own start first, then after each comma inside it (`در این نشست، X …`).
        let comma_starts = (s + 1..clause_end).filter(|&i| {
            gap_has(text, toks[i - 1].end, toks[i].start, '،')
                || gap_has(text, toks[i - 1].end, toks[i].start, ',')
        });
        for start in std::iter::once(s).chain(comma_starts) {
            if let Some(m) = parse_clause(text, &toks[start..], known)
                && m.strong
            {
                return Some(m);
            }
        }
    }
    // No clear speaker: the nearest short phrase that opens the sentence or follows a verb and a
    // conjunction (`… هستند ولی پتی معتقد است`), never one inside a `که` clause.
    clause_starts
        .iter()
        .rev()
        .filter(|&&s| s == 0 || !matches!(&*toks[s - 1].key, "که" | "كه"))
        .find_map(|&s| parse_clause(text, &toks[s..], known))
        .filter(|m| m.name_keys.len() <= 3)
}

/// True when the clause before a cue holds no subject at all (`و گفت`, `در ادامه افزود`), so the
/// previous speaker goes on; false when it holds a phrase that is not a speaker (`این فروشگاه
/// اعلام کرد`), whose statement must not be given to anyone.
pub(crate) fn subject_absent(p: &Para, floor: usize, cue_start: usize) -> bool {
    let text = p.text;
    let toks = p.words(floor, cue_start);
    let Some(toks) = skip_source(text, toks) else {
        return true;
    };
    let toks = skip_openers(skip_dateline(text, toks));
    toks.first()
        .is_none_or(|t| is_np_stop(&t.key) && !is_demonstrative(&t.key))
}

/// Token `i` closes a clause: a present or copular verb or a subordinator, or a past verb that
/// `و` or punctuation follows.
fn ends_clause(text: &str, toks: &[Token], i: usize) -> bool {
    let key = &*toks[i].key;
    if is_clause_break(key) {
        return true;
    }
    if !is_past_verb(key) {
        return false;
    }
    match toks.get(i + 1) {
        None => true,
        Some(next) => {
            next.key == "و"
                || text
                    .get(toks[i].end..next.start)
                    .is_some_and(|g| g.contains(['،', ',', '.']))
        }
    }
}

/// `رویترز به نقل از X افزود`: a medium or organization relaying someone names the real speaker
/// after `به نقل از`.
pub(crate) fn relayed_speaker(
    p: &Para,
    floor: usize,
    cue_start: usize,
    known: &Known,
) -> Option<Mention> {
    let text = p.text;
    let toks = p.words(floor, cue_start);
    let at = (1..toks.len().saturating_sub(3))
        .find(|&i| toks[i].key == "به" && toks[i + 1].key == "نقل" && toks[i + 2].key == "از")?;
    parse_clause(text, &toks[at + 3..], known)
        .filter(|m| m.strong && matches!(m.kind, MentionKind::Name | MentionKind::Role) && !m.media)
}

/// The speaker phrase that opens `toks`, after the news source, a dateline and opening adverbs.
pub(crate) fn parse_clause(text: &str, toks: &[Token], known: &Known) -> Option<Mention> {
    let toks = skip_source(text, toks)?;
    let toks = skip_dateline(text, toks);
    let toks = skip_openers(toks);
    parse_phrase(text, toks, known)
}

fn is_source_opening(toks: &[Token]) -> bool {
    let k = |i: usize| toks.get(i).map_or("", |t| &*t.key);
    let is_report = |w: &str| {
        matches!(
            w,
            "گزارش" | "روایت" | "نوشته" | "اعلام" | "نقل" | "گزارشگزارش"
        )
    };
    match (k(0), k(1), k(2)) {
        ("بهگزارش" | "بهنقل", _, _) => true,
        ("به" | "بنابر" | "طبق" | "براساس", w, _) => is_report(w),
        ("بنا" | "بر", "بر" | "به" | "اساس", w) => is_report(w),
        _ => false,
    }
}

/// Drops the article's own attribution (`به گزارش خبرگزاری مهر،`): it names the source of the
/// news, never the speaker.
fn skip_source<'a, 't>(text: &str, toks: &'a [Token<'t>]) -> Option<&'a [Token<'t>]> {
    if !is_source_opening(toks) {
        return Some(toks);
    }
    let by_comma = (1..toks.len()).find(|&i| {
        let gap = (toks[i - 1].end, toks[i].start);
        gap_has(text, gap.0, gap.1, '،')
            || gap_has(text, gap.0, gap.1, ',')
            || gap_has(text, gap.0, gap.1, '؛')
    });
    let by_name = (2..toks.len()).find(|&i| {
        let k = &*toks[i].key;
        is_honorific(k) || is_given_name(k) || is_pronoun(k)
    });
    let at = match (by_comma, by_name) {
        (Some(c), Some(n)) => c.min(n),
        (Some(c), None) => c,
        (None, Some(n)) => n,
        // No comma and no name: a demonstrative subject (`… از بغداد این منابع تأکید کردند`).
        (None, None) => (2..toks.len()).find(|&i| is_demonstrative(&toks[i].key))?,
    };
    Some(&toks[at..])
}

/// Drops a dateline at the start of a paragraph: `قم- `, `تهران – `, a chained
/// `اهواز- ایرنا- `, or a medium with its bureau, `ایسنا/گیلان `.
fn skip_dateline<'a, 't>(text: &str, toks: &'a [Token<'t>]) -> &'a [Token<'t>] {
    // Only at the very start of the paragraph.
    let Some(first) = toks.first() else {
        return toks;
    };
    if first.start > 8 || !text[..first.start].trim().is_empty() {
        return toks;
    }
    let gap = |toks: &[Token], i: usize| -> &str {
        match (toks.get(i), toks.get(i + 1)) {
            (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    };
    let mut rest = toks;
    // Each round drops one dash-ended segment; the second segment is the agency's name.
    for _ in 0..2 {
        let dash = (0..rest.len().min(3)).find(|&i| {
            let g = gap(rest, i);
            g.contains(['-', '–', '—']) && !g.contains(['،', '.'])
        });
        match dash {
            Some(i) => rest = &rest[i + 1..],
            None => break,
        }
    }
    if rest.len() > 2 && is_media_head(&rest[0].key) && gap(rest, 0).trim() == "/" {
        rest = &rest[2..];
    }
    rest
}

fn skip_openers<'a, 't>(mut toks: &'a [Token<'t>]) -> &'a [Token<'t>] {
    loop {
        match toks {
            [a, b, rest @ ..] if is_opener_pair(&a.key, &b.key) => toks = rest,
            [a, rest @ ..] if is_clause_opener(&a.key) => toks = rest,
            _ => match opener_phrase_len(toks) {
                0 => return toks,
                n => toks = &toks[n..],
            },
        }
    }
}

/// The noun phrase at the start of `toks`: ends at a stop word, or at a comma not followed by a
/// role, or after [`MAX_PHRASE`] words.
fn phrase_len(text: &str, toks: &[Token]) -> usize {
    let mut n = 0;
    // Words of the role so far: a comma continues a role of two words or more.
    let mut role_len = 0;
    while n < toks.len() && n < MAX_PHRASE {
        let t = &toks[n];
        if n > 0 {
            let prev = &toks[n - 1];
            let friday_prayer = t.key == "جمعه" && matches!(&*prev.key, "امام" | "نماز");
            // `یکی از مقامات`, `برخی از نمایندگان`: a group's partitive.
            let partitive = n == 1 && t.key == "از" && is_group_head(&prev.key);
            // A role's own complement: `مدیر حفاظت از مالکیت فکری`, `پلیس مبارزه با مواد مخدر`,
            // `نماینده … در مجلس`.
            let complement = role_len > 0
                && match &*t.key {
                    "از" => is_complement_taking(&prev.key, "از"),
                    "با" => is_complement_taking(&prev.key, "با"),
                    "در" => toks.get(n + 1).is_some_and(|next| {
                        matches!(&*next.key, "مجلس" | "سازمان" | "امور" | "شورای" | "استان")
                    }),
                    _ => false,
                };
            if is_np_stop(&t.key) && !friday_prayer && !partitive && !complement {
                break;
            }
            let comma =
                gap_has(text, prev.end, t.start, '،') || gap_has(text, prev.end, t.start, ',');
            // A comma goes on into a role (`X، معاون فرهنگی، اجتماعی و …`), never into a new name.
            if comma && !is_role_head(&t.key) && (role_len < 2 || name_start(&t.key)) {
                break;
            }
            if text
                .get(prev.end..t.start)
                .is_some_and(|g| g.contains(['.', ':', '؛', '«', '»', '-']))
            {
                break;
            }
        }
        if role_len > 0 || is_role_head(&t.key) {
            role_len += 1;
        }
        n += 1;
    }
    n
}

fn span_text(text: &str, toks: &[Token]) -> Option<String> {
    let (first, last) = (toks.first()?, toks.last()?);
    let s: String = text
        .get(first.start..last.end)?
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”'))
        .collect();
    let mut s = s.trim().trim_end_matches(['،', ',']).trim().to_string();
    // `امام خمینی (ره`: close a parenthesis the phrase opened.
    if s.matches('(').count() > s.matches(')').count() {
        s.push(')');
    }
    (!s.is_empty()).then_some(s)
}

fn keys(toks: &[Token]) -> Vec<String> {
    toks.iter().map(|t| t.key.to_string()).collect()
}

fn strip_honorifics<'a, 't>(toks: &'a [Token<'t>]) -> (&'a [Token<'t>], bool) {
    let mut toks = toks;
    let mut had = false;
    loop {
        match toks {
            [a, b, rest @ ..] if is_honorific_pair(&a.key, &b.key) => toks = rest,
            [a, rest @ ..]
                if is_honorific(&a.key)
                    && !rest.is_empty()
                    && !(rest.len() == 1 && is_surname_suffix(&rest[0].key)) =>
            {
                toks = rest
            }
            _ => return (toks, had),
        }
        had = true;
    }
}

/// The name proper: words before the first given name that are not names themselves
/// (`همزمان محمدباقر قالیباف`) are dropped.
fn name_words<'a, 't>(toks: &'a [Token<'t>]) -> &'a [Token<'t>] {
    match toks.iter().position(|t| is_given_name(&t.key)) {
        Some(g) if g > 0 && g + 1 < toks.len() => &toks[g..],
        _ => toks,
    }
}

fn name_start(key: &str) -> bool {
    is_given_name(key) || is_honorific(key)
}

fn parse_phrase(text: &str, toks: &[Token], known: &Known) -> Option<Mention> {
    let first = toks.first()?;
    if (is_np_stop(&first.key) && !is_demonstrative(&first.key))
        || first.key.chars().all(|c| c.is_numeric())
        || is_non_speaker_subject(&first.key, toks.get(1).map(|t| &*t.key))
    {
        return None;
    }
    let n = phrase_len(text, toks);
    let np = &toks[..n];
    let mention = |kind, span: &[Token], name: &[Token], role: &[Token], strong| {
        Some(Mention {
            kind,
            start: span.first()?.start,
            end: span.last()?.end,
            name: span_text(text, name),
            name_keys: keys(name),
            role: span_text(text, role),
            role_keys: keys(role),
            strong,
            media: false,
        })
    };
    if is_pronoun(&first.key) {
        return mention(MentionKind::Pronoun, &toks[..1], &[], &[], true);
    }
    if is_demonstrative(&first.key) && n >= 2 {
        // `این مقام`, `این مسئول`, `این متخصص …` refer to a speaker; `این فروشگاه` does not.
        if !is_role_head(&np[1].key) {
            return None;
        }
        // `این مقام مسئول، X را … دانست`: a comma closes the phrase; what follows is content.
        let cut = (2..n)
            .find(|&i| {
                gap_has(text, np[i - 1].end, np[i].start, '،')
                    || gap_has(text, np[i - 1].end, np[i].start, ',')
            })
            .unwrap_or(n);
        let np = &np[..cut];
        return mention(MentionKind::Demonstrative, np, &[], &np[1..], true);
    }
    // `یک رسانه ورزشی روسیه`: a group that is a medium is a source, not a speaker.
    let names_medium = np.iter().any(|t| is_media_head(&t.key));
    if is_group_head(&first.key)
        && (n >= 2 || first.key.ends_with("ان") || first.key.ends_with("ات"))
    {
        let mut m = mention(MentionKind::Group, np, &[], np, true)?;
        m.media = names_medium;
        return Some(m);
    }
    let (body, had_honorific) = strip_honorifics(np);
    let body_first = body.first()?;
    // A title alone (`مهندس`) or a determiner alone (`یک`) names nobody.
    if body.len() == 1 && (is_honorific(&body_first.key) || is_group_head(&body_first.key)) {
        return None;
    }
    match body.iter().position(|t| is_role_head(&t.key)) {
        Some(0) => {
            // ROLE NAME: the name starts at a given name or an honorific.
            if let Some(g) = (1..body.len()).find(|&i| name_start(&body[i].key)) {
                let (name, _) = strip_honorifics(&body[g..]);
                return mention(MentionKind::Name, np, name, &body[..g], true);
            }
            mention(MentionKind::Role, np, &[], body, true)
        }
        Some(r) => {
            // `سعید قاضی مغربی رئیس …`: a title word right after a lone given name, with the real
            // role further on, belongs to the surname.
            let next_role = (r + 1..body.len().min(r + 3)).find(|&i| is_role_head(&body[i].key));
            let r = match next_role {
                Some(r2) if r == 1 && is_given_name(&body[0].key) => r2,
                _ => r,
            };
            mention(
                MentionKind::Name,
                np,
                name_words(&body[..r]),
                &body[r..],
                true,
            )
        }
        None => {
            if is_org_head(&body_first.key) || is_media_head(&body_first.key) {
                let mut m = mention(MentionKind::Org, np, body, &[], true)?;
                m.media = is_media_head(&body_first.key);
                return Some(m);
            }
            let known_prefix = body.iter().take_while(|t| known.contains(&*t.key)).count();
            if known_prefix > 1 || (known_prefix == 1 && body_first.key.chars().count() >= 3) {
                let name = &body[..known_prefix];
                return mention(MentionKind::Name, name, name, &[], true);
            }
            let name = name_words(body);
            let strong = had_honorific || name.first().is_some_and(|t| name_start(&t.key));
            if !strong && body.len() > 3 {
                return None;
            }
            mention(MentionKind::Name, np, name, &[], strong)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> Option<Mention> {
        find_subject(&Para::new(text), 0, text.len(), &Known::default())
    }

    #[test]
    fn name_and_role_split_at_role_head() {
        let m = subject("به گزارش خبرگزاری مهر، فرامرز عظیمی شهردار کلانشهر قم با اشاره به تأثیر")
            .unwrap();
        assert_eq!(m.kind, MentionKind::Name);
        assert_eq!(m.name.as_deref(), Some("فرامرز عظیمی"));
        assert_eq!(m.role.as_deref(), Some("شهردار کلانشهر قم"));
    }

    #[test]
    fn honorifics_are_dropped_but_sayyid_kept() {
        let m = subject("حجت‌الاسلام محسن سالاری امام جمعه شهرستان سیریک در این آئین").unwrap();
        assert_eq!(m.name.as_deref(), Some("محسن سالاری"));
        // The same title written as one word with a ZWNJ.
        let m = subject("حجت‌الاسلام محسن سالاری امام‌جمعه شهرستان سیریک").unwrap();
        assert_eq!(m.name.as_deref(), Some("محسن سالاری"));
        assert_eq!(m.role.as_deref(), Some("امام‌جمعه شهرستان سیریک"));
        let m = subject("دکتر سید جلیل معصومی").unwrap();
        assert_eq!(m.name.as_deref(), Some("سید جلیل معصومی"));
        let m = subject("حضرت آيت الله خامنه اي با تاكيد بر").unwrap();
        assert_eq!(m.name.as_deref(), Some("خامنه اي"));
    }

    #[test]
    fn dateline_and_role_only() {
        let m = subject("قم- شهردار قم").unwrap();
        assert_eq!(m.kind, MentionKind::Role);
        assert_eq!(m.role.as_deref(), Some("شهردار قم"));
        for chained in ["رشت- ایرنا- شهردار قم", "ایسنا/گیلان شهردار قم"]
        {
            let m = subject(chained).unwrap();
            assert_eq!(m.kind, MentionKind::Role, "{chained}");
            assert_eq!(m.role.as_deref(), Some("شهردار قم"), "{chained}");
        }
    }

    #[test]
    fn later_clause_wins_when_it_holds_a_speaker() {
        let m = subject("* ساخت نیروگاه برق آغاز می‌شود معاون هماهنگی امور اقتصادی استاندار ایلام")
            .unwrap();
        assert_eq!(m.kind, MentionKind::Role);
        assert!(m.role.unwrap().starts_with("معاون"));
    }

    #[test]
    fn pronoun_and_demonstrative() {
        assert_eq!(subject("وی در ادامه").unwrap().kind, MentionKind::Pronoun);
        assert_eq!(
            subject("این مقام مسئول").unwrap().kind,
            MentionKind::Demonstrative
        );
        let m = subject("این مقام مسئول، ادامه تخصیص اوراق").unwrap();
        assert_eq!(m.role.as_deref(), Some("مقام مسئول"));
    }

    #[test]
    fn known_surname_cuts_the_object() {
        let known: Known = ["رزاقی".to_string()].into_iter().collect();
        let text = "رزاقي وابستگي شديد درآمدهاي دولت به نفت";
        let m = find_subject(&Para::new(text), 0, text.len(), &known).unwrap();
        assert_eq!(m.name.as_deref(), Some("رزاقي"));
    }

    #[test]
    fn long_unknown_phrase_is_no_speaker() {
        assert!(subject("ساخت نیروگاه برق یک هزار مگابایتی منطقه").is_none());
    }
}
