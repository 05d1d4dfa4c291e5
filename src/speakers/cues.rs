//! The cue lexicon: reporting verbs in every conjugation the press uses (past, plural, perfect,
//! present) and the fixed frames (`به گفته X،`, `با بیان اینکه …`, `خواستار … شد`), matched by one
//! regex over the normalized paragraph. Patterns tolerate the three ways a word joint is written
//! (ZWNJ, space, nothing), because the text may come from sources whose joints the normalizer could
//! not repair; Arabic letter variants are folded to Persian before matching, width for width.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};
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
    let variant = |c: char| matches!(c, 'ي' | 'ى' | 'ك' | 'ة' | 'أ' | 'إ');
    if !text.chars().any(variant) {
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

struct Lexicon {
    /// Every cue. Built without a literal prefilter: cue phrases open with the commonest words
    /// (`به`, `با`, `از`, `می`), where a prefilter fires at almost every word and costs more than
    /// the lazy DFA scanning every byte.
    any: MetaRegex,
    according: Regex,
    with_that: Regex,
    /// Anchored verb patterns, in lexicon order, to tell which verb a match is.
    verb_set: RegexSet,
    verb_uses: Vec<VerbUse>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let verbs = verb_lexicon();
    let according =
        "(?:به|بنا به|بنا بر|بنابر)~(?:گفته|اعتقاد|عقیده|باور|اذعان|زعم)|از (?:نظر|دیدگاه)";
    // Only speech nouns: `با توجه به اینکه`, `با وجود اینکه` are not reports.
    let with_that = "(?:با|ضمن)~(?:بیان|اشاره|تاکید|یادآوری|تصریح|اعلام|ابراز(?:~(?:امیدواری|نگرانی|تاسف|خرسندی))?|توضیح|ذکر|عنوان|اظهار|تشریح|طرح|انتقاد|هشدار|اذعان|یادآور~شدن)~(?:(?:به|بر|از)~)?این~(?:(?:مطلب|موضوع|نکته|مسئله|مساله)~)?که";
    let build = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("cue lexicon: {e}"));
    let mut alts: Vec<String> = vec![expand(according), expand(with_that), "خواستار".to_string()];
    alts.extend(verbs.iter().map(|(p, _)| expand(p)));
    let any = MetaRegex::builder()
        .configure(MetaRegex::config().auto_prefilter(false))
        .build(&format!("(?:{})", alts.join(")|(?:")))
        .unwrap_or_else(|e| panic!("cue lexicon: {e}"));
    let anchored = |p: &str| build(&format!("^(?:{})$", expand(p)));
    Lexicon {
        any,
        according: anchored(according),
        with_that: anchored(with_that),
        verb_set: RegexSet::new(verbs.iter().map(|(p, _)| format!("^(?:{})$", expand(p))))
            .unwrap_or_else(|e| panic!("cue lexicon: {e}")),
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
        if text[end..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        let Some(found) = folded.get(start..end) else {
            continue;
        };
        let kind = if found == "خواستار" {
            CueKind::Requests
        } else if lex.according.is_match(found) {
            CueKind::According
        } else if lex.with_that.is_match(found) {
            CueKind::WithThat
        } else {
            match lex.verb_set.matches(found).iter().next() {
                Some(i) => CueKind::Verb(lex.verb_uses[i]),
                None => continue,
            }
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
