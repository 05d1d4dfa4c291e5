//! Statement spans: where the reported content of each cue starts and ends.

use super::cues::VerbUse;
use super::lexicon::{
    governs_az, is_clause_break, is_clause_opener, is_demonstrative, is_np_stop, is_opener_pair,
    is_past_verb, opener_phrase_len,
};
use super::text::{Para, Token, ZWNJ, gap_has, sentence_end, trim_span};

const EDGE_PUNCT: &[char] = &['،', ',', '؛', ';', ':', '-', '–'];

/// A direct quotation after a colon: to the closing `»` when it opens with `«`, else to `limit`.
pub(crate) fn direct(text: &str, from: usize, limit: usize) -> Option<(usize, usize)> {
    let (s, e) = trim_span(text, from, limit, &[]);
    if text[s..].starts_with('«')
        && let Some(close) = text[s..e].find('»')
    {
        let close_end = s + close + '»'.len_utf8();
        // A quotation followed by more than a sentence end is still the whole paragraph's quote
        // only when nothing follows it.
        let rest =
            text[close_end..e].trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ZWNJ);
        return Some(if rest.is_empty() {
            (s, e)
        } else {
            (s, close_end)
        });
    }
    let (s, e) = trim_span(text, s, e, &['،', ',']);
    (e > s).then_some((s, e))
}

/// Indirect content from `from` to the end of its sentence.
pub(crate) fn to_sentence_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let end = sentence_end(text, from);
    let (s, e) = trim_span(text, from, end, EDGE_PUNCT);
    (e > s).then_some((s, e))
}

/// The content of `با بیان اینکه …` that a main verb at `verb_start` follows: up to the last
/// finite verb before a comma (`…، خاطرنشان کرد`), else up to the verb.
pub(crate) fn frame_clause(p: &Para, from: usize, verb_start: usize) -> Option<(usize, usize)> {
    let text = p.text;
    let toks = p.words(from, verb_start);
    let last_clause_end = (0..toks.len()).rev().find(|&i| {
        let next = toks.get(i + 1).map_or(verb_start, |t| t.start);
        gap_has(text, toks[i].end, next, '،') && looks_finite(&toks[i].key)
    });
    match last_clause_end {
        Some(i) => between(text, from, toks[i].end),
        None => between(text, from, verb_start),
    }
}

/// A finite verb form: a known one, a present form (`می…د`), or a common subjunctive.
fn looks_finite(key: &str) -> bool {
    const SUBJUNCTIVE: &[&str] = &[
        "شود",
        "نشود",
        "باشد",
        "نباشد",
        "کند",
        "نکند",
        "کنند",
        "نکنند",
        "دهد",
        "ندهد",
        "گیرد",
        "یابد",
        "رسد",
        "رود",
        "اید",
        "شوند",
        "باشند",
        "بماند",
        "ماند",
        "دهند",
        "گیرند",
        "بیاورد",
    ];
    is_clause_break(key)
        || is_past_verb(key)
        || SUBJUNCTIVE.contains(&key)
        || ((key.starts_with("می") || key.starts_with("نمی"))
            && key.ends_with('د')
            && !key.contains("لیارد"))
}

/// Content between `from` and `to`, trimmed.
pub(crate) fn between(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    if to <= from {
        return None;
    }
    let (s, e) = trim_span(text, from, to, EDGE_PUNCT);
    (e > s).then_some((s, e))
}

/// Content placed before the verb: `X را Y دانست`, `از X خبر داد`, `بر X تأکید کرد`.
/// `from` is the end of the subject (or the clause start), `cue_start` the verb. A single word
/// (`حقایق را بیان می‌کند`) reports a topic, not a statement.
pub(crate) fn preverbal(
    p: &Para,
    from: usize,
    cue_start: usize,
    verb: VerbUse,
) -> Option<(usize, usize)> {
    let span = preverbal_span(p, from, cue_start, verb)?;
    let toks = p.words(span.0, span.1);
    // `این سخنان را بیان کرد`: the object points back at speech reported elsewhere.
    let anaphoric = toks.len() >= 2
        && toks[toks.len() - 2].key == "این"
        && matches!(
            &*toks[toks.len() - 1].key,
            "سخنان"
                | "مطلب"
                | "مطالب"
                | "موضوع"
                | "نکته"
                | "نکات"
                | "خبر"
                | "اظهارات"
                | "مسئله"
                | "مساله"
        );
    (toks.len() >= 2 && !anaphoric).then_some(span)
}

fn preverbal_span(
    p: &Para,
    from: usize,
    cue_start: usize,
    verb: VerbUse,
) -> Option<(usize, usize)> {
    let text = p.text;
    let toks = p.words(from, cue_start);
    if verb.object
        && let Some(ra) = toks.iter().rposition(|t| t.key == "را")
    {
        let start = object_start(text, &toks[..ra]).unwrap_or(cue_start);
        // A complement that opens with a preposition is adverbial (`به صورت رسمی`), else it is
        // part of what was said (`سیل را عمده بلایای طبیعی اعلام کرد`).
        let complement = toks.get(ra + 1);
        let keep = complement.is_some_and(|t| verb.predicative || !is_np_stop(&t.key));
        let end = if keep { cue_start } else { toks[ra].start };
        return between(text, start, end);
    }
    if verb.from
        && let Some(i) = (0..toks.len())
            .find(|&i| toks[i].key == "از" && (i == 0 || !governs_az(&toks[i - 1].key)))
    {
        return between(text, toks[i].end, cue_start);
    }
    if verb.on
        && let Some(i) = (0..toks.len()).find(|&i| {
            toks[i].key == "بر"
                && toks
                    .get(i + 1)
                    .is_none_or(|n| !matches!(&*n.key, "اساس" | "اثر" | "روی" | "پایه"))
        })
    {
        return between(text, toks[i].end, cue_start);
    }
    None
}

/// Where the object of `X را …` starts: adverbial segments (separated by commas or by `کرد و`)
/// that open with a preposition or time word are passed over, as are opening adverbs.
fn object_start(text: &str, before_ra: &[Token]) -> Option<usize> {
    let mut segments: Vec<&[Token]> = Vec::new();
    let mut from = 0;
    for i in 1..before_ra.len() {
        let (a, b) = (&before_ra[i - 1], &before_ra[i]);
        let comma = gap_has(text, a.end, b.start, '،') || gap_has(text, a.end, b.start, ',');
        let verb_and = i >= 2 && b.key == "و" && is_past_verb(&a.key);
        if comma || verb_and {
            segments.push(&before_ra[from..i]);
            from = if verb_and { i + 1 } else { i };
        }
    }
    if from < before_ra.len() {
        segments.push(&before_ra[from..]);
    }
    let last = segments.len().checked_sub(1)?;
    for (i, seg) in segments.iter().enumerate() {
        let mut rest = *seg;
        loop {
            match rest {
                [a, b, more @ ..] if is_opener_pair(&a.key, &b.key) && !more.is_empty() => {
                    rest = more
                }
                [a, more @ ..] if is_clause_opener(&a.key) && !more.is_empty() => rest = more,
                _ => match opener_phrase_len(rest) {
                    n if n > 0 && n < rest.len() => rest = &rest[n..],
                    _ => break,
                },
            }
        }
        let adverbial = rest
            .first()
            .is_some_and(|t| is_np_stop(&t.key) && !is_demonstrative(&t.key));
        if i == last || !adverbial {
            return rest.first().map(|t| t.start);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(object: bool, from: bool, on: bool) -> VerbUse {
        VerbUse {
            object,
            from,
            on,
            predicative: true,
            ..VerbUse::default()
        }
    }

    #[test]
    fn direct_stops_at_closing_guillemet() {
        let text = "گفت: «ما آماده‌ایم» و سپس جلسه را ترک کرد.";
        let (s, e) = direct(text, "گفت:".len(), text.len()).unwrap();
        assert_eq!(&text[s..e], "«ما آماده‌ایم»");
    }

    #[test]
    fn object_frame_keeps_complement() {
        let text = "رزاقی وابستگی به نفت را از دلایل تورم عنوان کرد";
        let cue = text.find("عنوان").unwrap();
        let from = "رزاقی".len();
        let (s, e) = preverbal(&Para::new(text), from, cue, verb(true, false, false)).unwrap();
        assert_eq!(&text[s..e], "وابستگی به نفت را از دلایل تورم");
    }

    #[test]
    fn object_frame_without_complement_drops_ra() {
        let text = "وی در خاتمه با بیان ضرورت کار، انتقال دامداریها را خاطرنشان کرد";
        let cue = text.find("خاطرنشان").unwrap();
        let (s, e) =
            preverbal(&Para::new(text), "وی".len(), cue, verb(true, false, false)).unwrap();
        assert_eq!(&text[s..e], "انتقال دامداریها");
    }

    #[test]
    fn from_frame_skips_governed_az() {
        let text = "وی در حاشیه بازدید از پروژه‌ها از تکمیل کانال خبر داد";
        let cue = text.find("خبر داد").unwrap();
        let (s, e) =
            preverbal(&Para::new(text), "وی".len(), cue, verb(false, true, false)).unwrap();
        assert_eq!(&text[s..e], "تکمیل کانال");
    }
}
