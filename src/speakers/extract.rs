//! Per-article extraction: cues → speaker phrases → statement spans, then the article's entity
//! table resolves every speaker phrase (two passes: names first, so a lead's role mention and a
//! later bare surname find their person).

use crate::model::{Document, Statement, StatementKind};

use super::content::{between, direct, frame_clause, preverbal, to_sentence_end};
use super::cues::{After, Cue, CueKind, VerbUse, find_cues};
use super::entities::{EntityTable, Evidence};
use super::lexicon::{is_given_name, is_np_stop};
use super::mention::{
    Known, Mention, MentionKind, find_subject, parse_clause, relayed_speaker, subject_absent,
};
use super::text::{Para, ZWNJ, clause_floor, fold, gap_has, sentence_end, trim_span};

/// A statement found in one paragraph, before its speaker is resolved.
#[derive(Debug, Clone)]
struct Found {
    /// Position in `doc.paragraphs`.
    pos: usize,
    cue: (usize, usize),
    kind: StatementKind,
    span: (usize, usize),
    mention: Option<Mention>,
    /// How clearly the span is a statement (before speaker evidence).
    certainty: f32,
}

/// Extracts every statement from the kept, normalized paragraphs of `doc`.
pub fn extract(doc: &Document) -> Vec<Statement> {
    let paras: Vec<Para> = doc.paragraphs.iter().map(|p| Para::new(&p.text)).collect();
    let cues: Vec<Vec<Cue>> = doc.paragraphs.iter().map(|p| find_cues(&p.text)).collect();
    let (mut found, unsure) = scan(&paras, &cues, &Known::default(), None);
    // Background names need no known surnames: they must open with a given name.
    let background = background_names(&paras, &cues);
    let known = known_names(
        found
            .iter()
            .filter_map(|f| f.mention.as_ref())
            .chain(background.iter().map(|(_, m)| m)),
    );
    // Known surnames only change clauses whose speaker was unsure: rescan those paragraphs.
    if !known.is_empty() && unsure.iter().any(|&u| u) {
        let (rescanned, _) = scan(&paras, &cues, &known, Some(&unsure));
        found.retain(|f| !unsure[f.pos]);
        found.extend(rescanned);
        found.sort_by_key(|f| (f.pos, f.cue.0));
    }
    let mut table = EntityTable::default();
    table.register_names(found.iter().filter_map(|f| f.mention.as_ref()));
    table.register_names(background.iter().map(|(_, m)| m));
    // Resolve everything first: a later name can still name an earlier role-only speaker.
    let mut resolved = Vec::with_capacity(found.len());
    let mut pending = background.into_iter().peekable();
    for f in found {
        while let Some((at, m)) = pending.next_if(|(at, _)| *at < (f.pos, f.cue.0)) {
            let _ = at;
            table.background(&m);
        }
        if let Some((entity, evidence)) = table.resolve(f.mention.as_ref()) {
            resolved.push((f, entity, evidence));
        }
    }
    let mut statements = Vec::new();
    let mut ordinals = vec![0usize; doc.paragraphs.len()];
    for (f, entity, evidence) in resolved {
        let Some(paragraph) = doc.paragraphs.get(f.pos) else {
            continue;
        };
        let text = &paragraph.text;
        let (Some(cue), Some(content)) = (text.get(f.cue.0..f.cue.1), text.get(f.span.0..f.span.1))
        else {
            continue;
        };
        let speaker_evidence = match evidence {
            Evidence::Named => 1.0,
            Evidence::Role => 0.92,
            Evidence::Pronoun => 0.9,
            Evidence::Continued => 0.75,
        };
        let e = &table.entities[entity];
        if e.media {
            continue; // a medium quoted is the news source, not a speaker
        }
        let ordinal = &mut ordinals[f.pos];
        statements.push(Statement {
            id: Statement::make_id(&doc.id, paragraph.index, *ordinal),
            article_id: doc.id.clone(),
            paragraph: paragraph.index,
            speaker: e.name.clone(),
            role: e.role.clone(),
            cue: cue.to_string(),
            kind: f.kind,
            text: content.to_string(),
            quote: String::new(),
            start: f.span.0,
            end: f.span.1,
            confidence: (f.certainty * speaker_evidence * 100.0).round() / 100.0,
            topics: Vec::new(),
        });
        *ordinal += 1;
    }
    statements
}

/// People named at the start of a sentence that reports no speech, in text order: they can be
/// the antecedent of a later `وی` or the full form of a later surname.
fn background_names(paras: &[Para], cues: &[Vec<Cue>]) -> Vec<((usize, usize), Mention)> {
    let none = Known::default();
    let mut out = Vec::new();
    for (pos, (p, cues)) in paras.iter().zip(cues).enumerate() {
        let text = p.text;
        let mut start = 0;
        while start < text.len() {
            let end = sentence_end(text, start);
            // The name ends before any cue (`حسن نوروزی اظهار کرد`).
            let name_end = cues
                .iter()
                .map(|c| c.start)
                .find(|&c| c >= start && c < end)
                .unwrap_or(end);
            if let Some(m) = parse_clause(text, p.words(start, name_end), &none)
                && m.kind == MentionKind::Name
                && m.strong
                && (2..=4).contains(&m.name_keys.len())
                && m.name_keys
                    .first()
                    .is_some_and(|k| is_given_name(k) || k == "سید")
            {
                out.push(((pos, m.start), m));
            }
            start = text[end..]
                .chars()
                .next()
                .map_or(text.len(), |c| end + c.len_utf8());
        }
    }
    out
}

/// Surnames and other name words of confidently named speakers (given names alone are too
/// common to identify anyone).
fn known_names<'a>(mentions: impl Iterator<Item = &'a Mention>) -> Known {
    mentions
        .filter(|m| m.kind == MentionKind::Name && m.strong)
        .flat_map(|m| m.name_keys.iter())
        .filter(|k| !is_given_name(k) && !is_np_stop(k))
        .cloned()
        .collect()
}

/// Statements of the paragraphs selected by `only` (all when `None`), and for each paragraph
/// whether some cue in it had no confident speaker phrase.
fn scan(
    paras: &[Para],
    cues: &[Vec<Cue>],
    known: &Known,
    only: Option<&[bool]>,
) -> (Vec<Found>, Vec<bool>) {
    let mut out = Vec::new();
    let mut unsure = vec![false; paras.len()];
    for (pos, (p, cues)) in paras.iter().zip(cues).enumerate() {
        if only.is_some_and(|only| !only[pos]) {
            continue;
        }
        let start = out.len();
        unsure[pos] = scan_paragraph(p, cues, known, &mut out);
        for f in &mut out[start..] {
            f.pos = pos;
        }
    }
    (out, unsure)
}

fn pronoun_at(text: &str, (start, end): (usize, usize)) -> Mention {
    Mention {
        kind: MentionKind::Pronoun,
        start,
        end,
        name: None,
        name_keys: Vec::new(),
        role: None,
        role_keys: vec![fold(&text[start..end])],
        strong: true,
        media: false,
    }
}

/// Appends the paragraph's statements to `out`; true when some cue's speaker phrase was weak or
/// missing (a surname known from elsewhere in the article might change it).
fn scan_paragraph(p: &Para, cues: &[Cue], known: &Known, out: &mut Vec<Found>) -> bool {
    let text = p.text;
    let first = out.len();
    let mut unsure = false;
    // The direct statement whose content is still open, as an index into `out`.
    let mut open: Option<usize> = None;
    // The subject of a `با بیان اینکه` frame, shared by the main verb of its sentence.
    let mut frame_subject: Option<(usize, Option<Mention>)> = None;
    for (ci, cue) in cues.iter().enumerate() {
        let mut lower = 0;
        let mut inside = None;
        // A cue inside an indirect statement's content reports speech within that statement,
        // unless it opens a direct quote of its own (`… پرسید که وی در پاسخ گفت: …`).
        let colon_verb =
            matches!(cue.kind, CueKind::Verb(_)) && matches!(cue.after, After::Colon(_));
        if let Some(i) = (first..out.len()).find(|&i| {
            let f = &out[i];
            f.kind == StatementKind::Indirect && f.span.0 <= cue.start && cue.start < f.span.1
        }) {
            if !colon_verb {
                continue;
            }
            lower = out[i].span.0;
            inside = Some(i);
        }
        if let Some(o) = open.filter(|_| inside.is_none()) {
            let (cs, ce) = out[o].span;
            if cue.start >= cs && cue.start < ce {
                let in_quote = text[cs..].starts_with('«');
                let at_sentence_start =
                    clause_floor(text, cs, cue.start) == sentence_start(text, cs, cue.start);
                let splits = match cue.kind {
                    CueKind::Verb(_) => matches!(cue.after, After::Colon(_)),
                    CueKind::According => {
                        at_sentence_start
                            && text[clause_floor(text, cs, cue.start)..cue.start]
                                .trim()
                                .is_empty()
                    }
                    _ => false,
                };
                if in_quote || !splits {
                    continue;
                }
                lower = cs;
                inside = Some(o);
            }
        }
        let floor = clause_floor(text, lower, cue.start);
        let subject = match (cue.glued_subject, &frame_subject) {
            (Some(span), _) => Some(pronoun_at(text, span)),
            (None, Some((f, s))) if *f == floor && cue.kind != CueKind::According => s.clone(),
            _ => {
                if cue.kind == CueKind::According {
                    None
                } else {
                    find_subject(p, floor, cue.start, known)
                }
            }
        };
        unsure |= subject.as_ref().is_none_or(|m| !m.strong);
        let relays = subject
            .as_ref()
            .is_none_or(|m| m.media || m.kind == MentionKind::Org || !m.strong);
        let subject = match relays && matches!(cue.kind, CueKind::Verb(_)) {
            true => relayed_speaker(p, floor, cue.start, known).or(subject),
            false => subject,
        };
        // A subject that is there but is no speaker (`این فروشگاه اعلام کرد`): nobody to credit.
        if subject.is_none()
            && cue.kind != CueKind::According
            && !subject_absent(p, floor, cue.start)
            && frame_subject.as_ref().is_none_or(|(f, _)| *f != floor)
        {
            continue;
        }
        let subject_end = subject.as_ref().map_or(floor, |m| m.end.min(cue.start));
        let statement = match cue.kind {
            CueKind::According => according(p, cue, known),
            CueKind::WithThat => {
                frame_subject = Some((floor, subject.clone()));
                frame_statement(p, cue, &cues[ci + 1..], subject)
            }
            CueKind::Requests => requests_statement(p, cue, subject),
            CueKind::Verb(verb) => {
                let prev_end = out[first..].last().map(|f| f.span.1);
                verb_statement(p, cue, verb, subject, subject_end, prev_end)
            }
        };
        if let Some(f) = statement {
            if let Some(o) = inside {
                let cut = f
                    .mention
                    .as_ref()
                    .map_or(cue.start, |m| m.start.min(cue.start));
                let (cs, _) = out[o].span;
                out[o].span = trim_tail(text, cs, cut);
                if open == Some(o) {
                    open = None;
                }
            }
            if f.kind == StatementKind::Direct {
                open = Some(out.len());
            }
            out.push(f);
        }
    }
    // A statement ends where the next one's content begins (`ضمن اشاره به اینکه A، B را رد کرد`).
    for i in first + 1..out.len() {
        let next_start = out[i].span.0;
        let prev = &mut out[i - 1];
        if prev.span.0 < next_start
            && next_start < prev.span.1
            && prev.kind == StatementKind::Indirect
        {
            prev.span = trim_tail(text, prev.span.0, next_start);
        }
    }
    // Splitting can leave a statement with nothing in it (`مهر نوشت: وی افزود: …`).
    let mut i = first;
    while i < out.len() {
        if out[i].span.1 <= out[i].span.0 {
            out.remove(i);
        } else {
            i += 1;
        }
    }
    unsure
}

impl Found {
    fn new(
        cue: &Cue,
        kind: StatementKind,
        span: Option<(usize, usize)>,
        mention: Option<Mention>,
        certainty: f32,
    ) -> Option<Found> {
        span.map(|span| Found {
            pos: 0,
            cue: (cue.start, cue.end),
            kind,
            span,
            mention,
            certainty,
        })
    }
}

/// `با بیان اینکه CONTENT، VERB`: the content runs to the main verb of the sentence (one of the
/// `later` cues) or to the end of the sentence.
fn frame_statement(p: &Para, cue: &Cue, later: &[Cue], subject: Option<Mention>) -> Option<Found> {
    let text = p.text;
    let main_verb = later
        .iter()
        .find(|c| match c.kind {
            CueKind::Verb(u) => {
                matches!(c.after, After::Colon(_) | After::That(_))
                    || u.object
                    || u.from
                    || u.on
                    || u.bare
            }
            // `با بیان اینکه A، خواستار B شد`: the request is the main clause.
            CueKind::Requests => true,
            _ => false,
        })
        .map(|c| c.start)
        .filter(|&s| s < sentence_end(text, cue.end));
    let span = match main_verb {
        Some(s) => frame_clause(p, cue.end, s),
        None => to_sentence_end(text, cue.end),
    };
    Found::new(cue, StatementKind::Indirect, span, subject, 0.85)
}

/// `خواستار CONTENT شد`.
fn requests_statement(p: &Para, cue: &Cue, subject: Option<Mention>) -> Option<Found> {
    let end = sentence_end(p.text, cue.end);
    let shod = p
        .words(cue.end, end)
        .iter()
        .find(|t| matches!(&*t.key, "شد" | "شدند" | "شده" | "شدهاند" | "شدهاست"))?;
    let span = between(p.text, cue.end, shod.start);
    Found::new(cue, StatementKind::Indirect, span, subject, 0.85)
}

/// A reporting verb's statement: `CUE: …` (direct), `CUE که …` (indirect, to the sentence end),
/// content before the verb (`X را … دانست`, `از X خبر داد`), or plain words after a speech verb.
/// `prev_end` is where the paragraph's previous statement ended (its content is not an object).
fn verb_statement(
    p: &Para,
    cue: &Cue,
    verb: VerbUse,
    subject: Option<Mention>,
    subject_end: usize,
    prev_end: Option<usize>,
) -> Option<Found> {
    let text = p.text;
    let source_only = subject
        .as_ref()
        .is_none_or(|m| m.media || m.kind == MentionKind::Org || !m.strong);
    if verb.writes && source_only {
        return None; // `مهر نوشت:` names the news source
    }
    let preverbal_frame = verb.object || verb.from || verb.on;
    match cue.after {
        After::Colon(at) => Found::new(
            cue,
            StatementKind::Direct,
            direct(text, at, text.len()),
            subject,
            1.0,
        ),
        After::That(at) | After::To(at) if matches!(cue.after, After::That(_)) || verb.to => {
            // `به X اشاره کرد که …`: the content starts at the topic.
            let from = match verb.points {
                true => p
                    .words(subject_end, cue.start)
                    .iter()
                    .find(|t| t.key == "به")
                    .map_or(at, |t| t.end),
                false => at,
            };
            let span = trim_span(text, from, sentence_end(text, at), &['،', ',']);
            Found::new(
                cue,
                StatementKind::Indirect,
                (span.1 > span.0).then_some(span),
                subject,
                0.9,
            )
        }
        // `از X خواست CLAUSE`: a request names its addressee with `از`; the clause is the content.
        After::Words(at)
            if verb.to
                && p.words(subject_end, cue.start)
                    .iter()
                    .any(|t| t.key == "از") =>
        {
            Found::new(
                cue,
                StatementKind::Indirect,
                to_sentence_end(text, at),
                subject,
                0.75,
            )
        }
        After::Words(at) | After::To(at) if !preverbal_frame && verb.bare => Found::new(
            cue,
            StatementKind::Indirect,
            to_sentence_end(text, at),
            subject,
            0.7,
        ),
        _ if preverbal_frame => {
            let from = prev_end
                .filter(|&e| e > subject_end && e < cue.start)
                .unwrap_or(subject_end);
            let span = preverbal(p, from, cue.start, verb);
            Found::new(cue, StatementKind::Indirect, span, subject, 0.8)
        }
        _ => None,
    }
}

/// Start of the sentence containing `pos` (not before `floor`).
fn sentence_start(text: &str, floor: usize, pos: usize) -> usize {
    let slice = &text[floor..pos];
    slice
        .char_indices()
        .rev()
        .find(|&(i, c)| super::text::is_sentence_end(text, floor + i, c) || c == ':')
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// `text[start..end]` trimmed, without a dangling `و` where the next statement was cut off.
fn trim_tail(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (s, mut e) = trim_span(text, start, end, &['،', ',']);
    loop {
        let tail = &text[s..e];
        let Some(stripped) = tail.strip_suffix('و') else {
            break;
        };
        if !stripped.ends_with([' ', ZWNJ, '،']) {
            break;
        }
        let (_, ne) = trim_span(text, s, s + stripped.len(), &['،', ',']);
        e = ne;
    }
    (s, e)
}

/// `به گفته X، CONTENT`: the speaker follows the cue, up to a comma or the end of the phrase.
fn according(p: &Para, cue: &Cue, known: &Known) -> Option<Found> {
    let text = p.text;
    let end = sentence_end(text, cue.end);
    let toks = p.words(cue.end, end);
    let sep = (1..toks.len().min(12)).find(|&i| {
        let (a, b) = (toks[i - 1].end, toks[i].start);
        gap_has(text, a, b, '،')
            || gap_has(text, a, b, ',')
            || gap_has(text, a, b, '؛')
            || gap_has(text, a, b, ';')
    });
    let speaker_toks = match sep {
        Some(i) => &toks[..i],
        None => toks,
    };
    // `از نظر X` is as often "in terms of X" as "in X's view": only with the comma of a frame.
    if sep.is_none() && fold(&text[cue.start..cue.end]).starts_with("از") {
        return None;
    }
    let mention = parse_clause(text, speaker_toks, known)?;
    let acceptable = match mention.kind {
        MentionKind::Pronoun | MentionKind::Demonstrative => true,
        MentionKind::Name => {
            mention.strong && (sep.is_some() || mention.name_keys.iter().all(|k| known.contains(k)))
        }
        MentionKind::Role | MentionKind::Org | MentionKind::Group => sep.is_some(),
    };
    if !acceptable || mention.media {
        return None;
    }
    let from = match sep {
        Some(i) => toks[i].start,
        None => mention.end,
    };
    let span = to_sentence_end(text, from)?;
    Some(Found {
        pos: 0,
        cue: (cue.start, cue.end),
        kind: StatementKind::Indirect,
        span,
        mention: Some(mention),
        certainty: 0.85,
    })
}
