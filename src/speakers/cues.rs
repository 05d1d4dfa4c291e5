//! The cue lexicon: reporting verbs in every conjugation the press uses (past, plural, perfect,
//! present) and the fixed frames (`به گفته X،`, `با بیان اینکه …`, `خواستار … شد`), matched by one
//! regex over the normalized paragraph. Patterns tolerate the three ways a word joint is written
//! (ZWNJ, space, nothing), because the text may come from sources whose joints the normalizer could
//! not repair; Arabic letter variants are folded to Persian before matching, width for width.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex_automata::meta::Regex as MetaRegex;

use super::text::{ZWNJ, fold, is_word_char};

/// What the words around a reporting verb may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct VerbUse {
    /// `CUE: …` and `CUE که …` introduce a statement.
    pub colon: bool,
    /// `CUE CONTENT` (no colon, no `که`) still reports speech.
    pub bare: bool,
    /// `X را Y CUE`: the object is the content.
    pub object: bool,
    /// `از X CUE` (`خبر داد`, `انتقاد کرد`).
    pub from: bool,
    /// `بر X CUE` (`تاکید کرد`).
    pub on: bool,
    /// `به X اشاره کرد که …`: the content starts at the topic.
    pub points: bool,
    /// `نوشت`: a medium writing is the news source, not a speaker.
    pub writes: bool,
    /// With `object`: the words between `را` and the verb belong to the content
    /// (`X را مهم دانست`), not to the verb (`X را به صورت رسمی اعلام کرد`).
    pub predicative: bool,
    /// `CUE تا …` introduces the content like `که` (`دعوت کرد تا`, `خواست تا`).
    pub to: bool,
}

/// A cue found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cue {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
    /// What follows the cue.
    pub after: After,
    /// The cue is glued to a preceding pronoun (`ویگفت`): the subject is that pronoun.
    pub glued_subject: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    Verb(VerbUse),
    /// `به گفته X، …`, `به اعتقاد X`, `از نظر X`.
    According,
    /// `با بیان اینکه …`, `با اشاره به این که …`, `ضمن تاکید بر اینکه …`.
    WithThat,
    /// `خواستار … شد`.
    Requests,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// A colon; the content starts at the byte offset given.
    Colon(usize),
    /// `که`; the content starts at the byte offset given.
    That(usize),
    /// `تا`; the content starts at the byte offset given.
    To(usize),
    /// Other words follow in the same sentence, from the offset given.
    Words(usize),
    /// `و`, punctuation or the end of the text.
    Nothing,
}

const C: VerbUse = VerbUse {
    colon: true,
    bare: false,
    object: false,
    from: false,
    on: false,
    points: false,
    writes: false,
    predicative: false,
    to: false,
};
const SPEECH: VerbUse = VerbUse { bare: true, ..C };
const NONE: VerbUse = VerbUse { colon: false, ..C };

/// Light verbs of compound reporting verbs in all the tenses a report uses. Longer forms come
/// first: the regex takes the first alternative that matches, and a match cut inside a word is
/// rejected afterwards.
const KARD: &str = "(?:کرده~(?:است|اند|بود(?:ند)?)|کرد(?:ند)?|می~کن(?:د|ند))";
const DASHT: &str = "(?:داشته~(?:است|اند|بود(?:ند)?)|داشت(?:ند)?)";
const SHOD: &str = "(?:شده~(?:است|اند|بود(?:ند)?)|شد(?:ند)?|می~شو(?:د|ند))";
const DAD: &str = "(?:داده~(?:است|اند|بود(?:ند)?)|داد(?:ند)?|می~ده(?:د|ند))";

/// The verb lexicon: pattern (`{کرد}` etc. stand for the light verbs, `~` for an optional joint,
/// a space for any joint) and what the verb licenses.
fn verb_lexicon() -> Vec<(String, VerbUse)> {
    let obj = |u: VerbUse| VerbUse { object: true, ..u };
    let pred = |u: VerbUse| VerbUse {
        object: true,
        predicative: true,
        ..u
    };
    let to = VerbUse { to: true, ..C };
    let mut out: Vec<(String, VerbUse)> = Vec::new();
    let mut add = |p: &str, u: VerbUse| {
        let p = p
            .replace("{کرد}", KARD)
            .replace("{داشت}", DASHT)
            .replace("{شد}", SHOD)
            .replace("{داد}", DAD);
        out.push((p, u));
    };
    add(
        "سخن (?:گفته~(?:است|اند|بود(?:ند)?)|گفت(?:ند)?|می~گوی(?:د|ند))",
        VerbUse { from: true, ..C },
    );
    add(
        "(?:گفته~(?:است|اند|بود(?:ند)?)|گفت(?:ند)?|می~گوی(?:د|ند))",
        SPEECH,
    );
    add(
        "(?:افزوده~(?:است|اند)|افزود(?:ند)?|می~افزای(?:د|ند))",
        SPEECH,
    );
    for head in ["اظهار", "بیان", "عنوان", "اعلام", "ابراز", "اذعان"] {
        let u = match head {
            "اظهار" | "اذعان" => SPEECH,
            "عنوان" => pred(SPEECH),
            _ => obj(SPEECH),
        };
        add(&format!("{head} {{کرد}}"), u);
        add(&format!("{head} {{داشت}}"), u);
    }
    add("تصریح {کرد}", SPEECH);
    add("تاکید {کرد}", VerbUse { on: true, ..SPEECH });
    add("تاکید {داشت}", VerbUse { on: true, ..SPEECH });
    add("خاطر نشان {کرد}", obj(SPEECH));
    add("یادآور {شد}", obj(SPEECH));
    add("یادآوری {کرد}", obj(SPEECH));
    add("متذکر {شد}", obj(SPEECH));
    add("مدعی {شد}", SPEECH);
    add("ادامه {داد}", C);
    add("اضافه {کرد}", C);
    add("توضیح {داد}", SPEECH);
    add("هشدار {داد}", SPEECH);
    add("خبر {داد}", VerbUse { from: true, ..C });
    add("انتقاد {کرد}", VerbUse { from: true, ..C });
    add("گلایه {کرد}", VerbUse { from: true, ..C });
    add("ارزیابی {کرد}", pred(C));
    add("ذکر {کرد}", pred(C));
    add("مطرح {کرد}", obj(C));
    add("توصیه {کرد}", obj(C));
    add("توصیف {کرد}", pred(C));
    add("قلمداد {کرد}", pred(C));
    add("تلقی {کرد}", pred(C));
    add("تایید {کرد}", obj(C));
    add("تکذیب {کرد}", obj(C));
    add("رد {کرد}", obj(NONE));
    add("پیشنهاد {کرد}", obj(C));
    add("پیشنهاد {داد}", obj(C));
    add("تشریح {کرد}", C);
    add("اعتراف {کرد}", C);
    add("درخواست {کرد}", to);
    add("پاسخ {داد}", C);
    add("گزارش {داد}", C);
    add("وعده {داد}", C);
    add("اشاره {کرد}", VerbUse { points: true, ..C });
    add(
        "(?:اظهار|ابراز) (?:امیدواری|نگرانی|تاسف|خرسندی|خوشحالی) {کرد}",
        C,
    );
    add("(?:دانسته~(?:است|اند)|دانست(?:ند)?)", pred(NONE));
    add("(?:خوانده~(?:است|اند)|خواند(?:ند)?)", pred(NONE));
    add("(?:بر~شمرده~(?:است|اند)|بر~شمرد(?:ند)?)", pred(NONE));
    add("نام (?:برده~(?:است|اند)|برد(?:ند)?)", pred(NONE));
    add("دعوت {کرد}", to);
    add("(?:خواسته~(?:است|اند)|خواست(?:ند)?)", to);
    add("پرسید(?:ند)?", C);
    add(
        "(?:نوشته~(?:است|اند)|نوشت(?:ند)?|می~نویس(?:د|ند))",
        VerbUse { writes: true, ..C },
    );
    add("معتقد~(?:است|اند|بود(?:ند)?|هستند|ند)", C);
    add("(?:اعتقاد|عقیده|باور) (?:دارد|دارند|داشت(?:ند)?)", C);
    out
}

/// Turns a lexicon pattern into a regex: letter variants, `~` an optional joint, a space any joint.
fn expand(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    for c in pattern.chars() {
        match c {
            '~' | ' ' => out.push_str("[ \u{a0}\u{200c}]*"),
            _ => out.push(c),
        }
    }
    out
}

/// Arabic letter variants mapped to their Persian forms, byte for byte (each pair has the same
/// UTF-8 width), so the cue regex needs no variant classes and its offsets hold for `text`.
fn same_width_fold(text: &str) -> Cow<'_, str> {
    if !has_letter_variant(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                'ي' | 'ى' => 'ی',
                'ك' => 'ک',
                'ة' => 'ه',
                'أ' | 'إ' => 'ا',
                _ => c,
            })
            .collect(),
    )
}

/// The cue patterns of [`Lexicon::any`], in priority order: the frames, then the verbs.
const ACCORDING: usize = 0;
const WITH_THAT: usize = 1;
const REQUESTS: usize = 2;
const FIRST_VERB: usize = 3;

/// Whether `text` holds one of the variants [`same_width_fold`] maps. Normalized paragraphs
/// rarely do, so this looks for the variants' last UTF-8 bytes with memchr (a SIMD scan) instead
/// of decoding every char, and checks each hit's lead byte (a lead byte is never a continuation
/// byte, so the pair is always that char).
fn has_letter_variant(text: &str) -> bool {
    let bytes = text.as_bytes();
    let after = |lead: u8| move |at: usize| at > 0 && bytes[at - 1] == lead;
    // ي U+064A, ى U+0649, ك U+0643: 0xD9 then 0x8A, 0x89, 0x83.
    memchr::memchr3_iter(0x8a, 0x89, 0x83, bytes).any(after(0xd9))
        // ة U+0629, أ U+0623, إ U+0625: 0xD8 then 0xA9, 0xA3, 0xA5.
        || memchr::memchr3_iter(0xa9, 0xa3, 0xa5, bytes).any(after(0xd8))
}

struct Lexicon {
    /// Every cue, one pattern per frame and per verb (the order above), searched as one regex:
    /// leftmost-first across patterns, exactly like one alternation of them in that order, and the
    /// match says which pattern it is, so telling the cue's kind costs nothing more. Built without
    /// a literal prefilter: cue phrases open with the commonest words (`به`, `با`, `از`, `می`),
    /// where a prefilter fires at almost every word and costs more than the lazy DFA scanning
    /// every byte.
    any: MetaRegex,
    /// What each verb licenses, by pattern index from [`FIRST_VERB`].
    verb_uses: Vec<VerbUse>,
}

fn according_pattern() -> &'static str {
    "(?:به|بنا به|بنا بر|بنابر)~(?:گفته|اعتقاد|عقیده|باور|اذعان|زعم)|از (?:نظر|دیدگاه)"
}

/// Only speech nouns: `با توجه به اینکه`, `با وجود اینکه` are not reports.
fn with_that_pattern() -> &'static str {
    "(?:با|ضمن)~(?:بیان|اشاره|تاکید|یادآوری|تصریح|اعلام|ابراز(?:~(?:امیدواری|نگرانی|تاسف|خرسندی))?|توضیح|ذکر|عنوان|اظهار|تشریح|طرح|انتقاد|هشدار|اذعان|یادآور~شدن)~(?:(?:به|بر|از)~)?این~(?:(?:مطلب|موضوع|نکته|مسئله|مساله)~)?که"
}

/// Every cue pattern, expanded, in the order of the pattern indexes above.
fn cue_patterns(verbs: &[(String, VerbUse)]) -> Vec<String> {
    let mut patterns = vec![
        expand(according_pattern()),
        expand(with_that_pattern()),
        "خواستار".to_string(),
    ];
    patterns.extend(verbs.iter().map(|(p, _)| expand(p)));
    patterns
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let verbs = verb_lexicon();
    let any = MetaRegex::builder()
        .configure(MetaRegex::config().auto_prefilter(false))
        .build_many(&cue_patterns(&verbs))
        .unwrap_or_else(|e| panic!("cue lexicon: {e}"));
    Lexicon {
        any,
        verb_uses: verbs.iter().map(|(_, u)| *u).collect(),
    }
});

/// Every cue in `text`, in order, not overlapping.
pub(crate) fn find_cues(text: &str) -> Vec<Cue> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let folded = same_width_fold(text);
    for m in lex.any.find_iter(folded.as_bytes()) {
        let (start, end) = (m.start(), m.end());
        // The patterns are whole chars, so this never skips a match; it keeps slicing safe.
        if !(text.is_char_boundary(start) && text.is_char_boundary(end)) {
            continue;
        }
        if text[end..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        let kind = match m.pattern().as_usize() {
            ACCORDING => CueKind::According,
            WITH_THAT => CueKind::WithThat,
            REQUESTS => CueKind::Requests,
            verb => match lex.verb_uses.get(verb - FIRST_VERB) {
                Some(&uses) => CueKind::Verb(uses),
                None => continue,
            },
        };
        if kind == CueKind::Verb(SPEECH) && is_conversation_noun(text, end) {
            continue; // گفت و گو: "conversation", not "said"
        }
        let after = what_follows(text, end);
        let mut glued_subject = None;
        if text[..start].chars().next_back().is_some_and(is_word_char) {
            match glued_pronoun(text, start) {
                Some(span) if matches!(after, After::Colon(_)) => glued_subject = Some(span),
                _ => continue,
            }
        }
        out.push(Cue {
            start,
            end,
            kind,
            after,
            glued_subject,
        });
    }
    out
}

fn is_conversation_noun(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', ZWNJ]);
    let Some(rest) = rest.strip_prefix('و') else {
        return false;
    };
    rest.trim_start_matches([' ', ZWNJ]).starts_with("گو")
}

/// A pronoun written without the space before the verb (`ویگفت`), as a byte span.
fn glued_pronoun(text: &str, start: usize) -> Option<(usize, usize)> {
    let before = &text[..start];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    let key = fold(&before[word_start..]);
    (key == "وی" || key == "او").then_some((word_start, start))
}

fn what_follows(text: &str, end: usize) -> After {
    let rest = &text[end..];
    let skipped = rest.len() - rest.trim_start_matches([' ', ZWNJ, '\u{a0}', '\t']).len();
    let pos = end + skipped;
    let Some(c) = text[pos..].chars().next() else {
        return After::Nothing;
    };
    if c == ':' || c == '：' {
        return After::Colon(pos + c.len_utf8());
    }
    if c == '«' {
        return After::Colon(pos);
    }
    if !is_word_char(c) {
        return After::Nothing;
    }
    let word_end = text[pos..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| pos + i);
    match fold(&text[pos..word_end]).as_str() {
        "که" => After::That(word_end),
        "تا" => After::To(word_end),
        "و" => After::Nothing,
        _ => After::Words(pos),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<(String, After)> {
        find_cues(text)
            .into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.after))
            .collect()
    }

    #[test]
    fn joint_variants_match() {
        for t in ["وی می‌گوید: x", "وی می گوید: x", "وی میگوید: x"] {
            assert_eq!(cues(t).len(), 1, "{t}");
        }
        assert_eq!(cues("وی خاطر نشان كرد: x")[0].0, "خاطر نشان كرد");
        assert_eq!(cues("وی اظهارداشت: x")[0].0, "اظهارداشت");
        assert_eq!(cues("آنان گفته‌اند که x")[0].0, "گفته‌اند");
        assert_eq!(cues("آنان افزودند: x")[0].0, "افزودند");
    }

    /// A match's pattern gives its kind, with the earlier pattern winning where several match,
    /// as the lexicon orders them (`سخن گفت` before `گفت`).
    #[test]
    fn kinds_follow_the_pattern_order() {
        let kind = |t: &str| find_cues(t)[0].kind;
        assert_eq!(kind("وی خواستار توقف شد"), CueKind::Requests);
        assert_eq!(kind("به گفته وی، x"), CueKind::According);
        assert_eq!(kind("از نظر وی، x"), CueKind::According);
        assert_eq!(kind("با بیان اینکه x"), CueKind::WithThat);
        assert_eq!(kind("وی گفت: x"), CueKind::Verb(SPEECH));
        assert_eq!(
            kind("وی از این موضوع سخن گفت"),
            CueKind::Verb(VerbUse { from: true, ..C })
        );
        assert_eq!(
            kind("وی نوشت: x"),
            CueKind::Verb(VerbUse { writes: true, ..C })
        );
    }

    #[test]
    fn letter_variants_are_found_by_their_bytes() {
        let by_chars = |t: &str| {
            t.chars()
                .any(|c| matches!(c, 'ي' | 'ى' | 'ك' | 'ة' | 'أ' | 'إ'))
        };
        for t in [
            "",
            "وی گفت",
            "وي گفت",
            "علىرغم",
            "كشور",
            "جامعة",
            "أمر",
            "إعلام",
            "ک ی ه ا",
            "\u{603}\u{609}\u{60a}",
            "x\u{643}",
            "\u{629}",
        ] {
            assert_eq!(has_letter_variant(t), by_chars(t), "{t:?}");
        }
        assert_eq!(find_cues("وي گفت: x").len(), 1);
    }

    #[test]
    fn conversation_is_not_said() {
        assert!(cues("در گفت‌وگو با خبرنگار").is_empty());
        assert!(cues("در گفت و گو با خبرنگار").is_empty());
        assert!(cues("در گفتگو با خبرنگار").is_empty());
    }

    #[test]
    fn what_follows_is_classified() {
        assert!(matches!(cues("وی گفت: x")[0].1, After::Colon(_)));
        assert!(matches!(cues("وی گفت که x")[0].1, After::That(_)));
        assert!(matches!(cues("تاکید کرد و گفت: x")[0].1, After::Nothing));
    }

    #[test]
    fn glued_pronoun_is_found() {
        let c = find_cues("ویگفت: x");
        assert_eq!(c.len(), 1);
        assert!(c[0].glued_subject.is_some());
        assert!(find_cues("میگفتم: x").is_empty());
    }

    #[test]
    fn frames_are_found() {
        let c = find_cues("به گفته وی، x");
        assert_eq!(c[0].kind, CueKind::According);
        let c = find_cues("وی بابیان اینکه x، گفت: y");
        assert_eq!(c[0].kind, CueKind::WithThat);
        let c = find_cues("با اشاره به این که x");
        assert_eq!(c[0].kind, CueKind::WithThat);
    }
}
