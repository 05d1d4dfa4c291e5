//! The corpus speaker table (`speakers.jsonl`): one record per distinct named speaker, merged
//! across articles by the folded name (so `علی‌آبادی`/`علی آبادی`, `ي`/`ی` variants meet).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use serde::Serialize;

use crate::model::Document;

use super::text::fold;

/// One line of `speakers.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerRecord {
    /// The most frequent spelling of the name.
    pub name: String,
    /// Roles seen with this speaker, most frequent first.
    pub roles: Vec<RoleCount>,
    pub statements: u64,
    pub articles: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// A role and how many statements carried it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleCount {
    pub role: String,
    pub count: u64,
}

#[derive(Debug, Default)]
struct Entry {
    spellings: HashMap<String, u64>,
    roles: HashMap<String, u64>,
    statements: u64,
    articles: u64,
    first_date: Option<String>,
    last_date: Option<String>,
}

/// The corpus-level speaker table, fed documents in input order.
#[derive(Debug, Default)]
pub struct SpeakerTable {
    entries: BTreeMap<String, Entry>,
}

/// The merge key of a name: folded words, joints ignored.
fn name_key(name: &str) -> String {
    name.split_whitespace().map(fold).collect::<String>()
}

impl SpeakerTable {
    /// An empty table.
    pub fn new() -> Self {
        SpeakerTable::default()
    }

    /// Counts the named statements of one document.
    pub fn add(&mut self, doc: &Document) {
        let mut seen_here: Vec<String> = Vec::new();
        for s in &doc.statements {
            let Some(name) = s
                .speaker
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            let e = self.entries.entry(key.clone()).or_default();
            *e.spellings.entry(name.to_string()).or_default() += 1;
            if let Some(role) = s.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                *e.roles.entry(role.to_string()).or_default() += 1;
            }
            e.statements += 1;
            if !seen_here.contains(&key) {
                e.articles += 1;
                if let Some(date) = &doc.date {
                    if e.first_date.as_ref().is_none_or(|d| date < d) {
                        e.first_date = Some(date.clone());
                    }
                    if e.last_date.as_ref().is_none_or(|d| date > d) {
                        e.last_date = Some(date.clone());
                    }
                }
                seen_here.push(key);
            }
        }
    }

    /// The records, most quoted first (ties by name), for deterministic output.
    pub fn records(&self) -> Vec<SpeakerRecord> {
        let most_first = |m: &HashMap<String, u64>| {
            let mut v: Vec<(String, u64)> = m.iter().map(|(k, c)| (k.clone(), *c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let mut out: Vec<SpeakerRecord> = self
            .entries
            .values()
            .map(|e| SpeakerRecord {
                name: most_first(&e.spellings)
                    .into_iter()
                    .next()
                    .map(|(n, _)| n)
                    .unwrap_or_default(),
                roles: most_first(&e.roles)
                    .into_iter()
                    .map(|(role, count)| RoleCount { role, count })
                    .collect(),
                statements: e.statements,
                articles: e.articles,
                first_date: e.first_date.clone(),
                last_date: e.last_date.clone(),
            })
            .collect();
        out.sort_by(|a, b| {
            b.statements
                .cmp(&a.statements)
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }

    /// Writes one JSON line per distinct speaker.
    pub fn write_jsonl(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for record in self.records() {
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Statement, StatementKind};

    fn doc(id: &str, date: &str, speakers: &[(&str, &str)]) -> Document {
        let statements = speakers
            .iter()
            .enumerate()
            .map(|(i, (name, role))| Statement {
                id: Statement::make_id(id, 0, i),
                article_id: id.to_string(),
                paragraph: 0,
                speaker: Some(name.to_string()),
                role: (!role.is_empty()).then(|| role.to_string()),
                cue: "گفت".into(),
                kind: StatementKind::Direct,
                text: "x".into(),
                quote: String::new(),
                start: 0,
                end: 1,
                confidence: 1.0,
                topics: vec![],
            })
            .collect();
        Document {
            id: id.into(),
            date: Some(date.into()),
            statements,
            ..Document::default()
        }
    }

    #[test]
    fn merges_spelling_variants_across_articles() {
        let mut t = SpeakerTable::new();
        t.add(&doc(
            "a",
            "2020-01-02",
            &[("علی کریمی", "وزیر"), ("علی کریمی", "وزیر")],
        ));
        t.add(&doc("b", "2019-05-01", &[("علي كريمي", "وزير")]));
        let r = t.records();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].statements, 3);
        assert_eq!(r[0].articles, 2);
        assert_eq!(r[0].first_date.as_deref(), Some("2019-05-01"));
        assert_eq!(r[0].last_date.as_deref(), Some("2020-01-02"));
        assert_eq!(r[0].name, "علی کریمی");
    }

    #[test]
    fn writes_one_line_per_speaker() {
        let mut t = SpeakerTable::new();
        t.add(&doc("a", "2020-01-02", &[("الف", ""), ("ب", "")]));
        let mut buf = Vec::new();
        t.write_jsonl(&mut buf).unwrap();
        assert_eq!(String::from_utf8(buf).unwrap().lines().count(), 2);
    }
}
