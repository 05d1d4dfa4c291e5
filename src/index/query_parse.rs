//! The query language: words, `"phrases"`, `-exclusion`, `OR` between two clauses, and
//! `speaker:` / `role:` / `topic:` / `source:` / `kind:` field clauses. Parsing never panics: anything
//! it cannot read is a [`SearchError::BadQuery`] with a message a journalist can act on.

use super::SearchError;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most clauses one query may hold.
pub const MAX_CLAUSES: usize = 64;

/// A field a clause can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    Speaker,
    Role,
    Topic,
    Source,
    Kind,
}

impl FieldName {
    fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "speaker" => FieldName::Speaker,
            "role" => FieldName::Role,
            "topic" => FieldName::Topic,
            "source" => FieldName::Source,
            "kind" => FieldName::Kind,
            _ => return None,
        })
    }
}

/// One thing to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Word(String),
    Phrase(String),
    Field(FieldName, String),
}

/// How a group takes part in the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Plain words: any may match; more matches rank higher.
    Optional,
    /// Phrases and field clauses: must match.
    Required,
    /// `-x`: must not match.
    Excluded,
}

/// Clauses joined by `OR` (a single clause is a group of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub role: Role,
    pub alternatives: Vec<Clause>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub groups: Vec<Group>,
}

#[derive(Debug, PartialEq, Eq)]
enum Lexeme {
    Or,
    Clause { negated: bool, clause: Clause },
}

/// Parses a query string.
pub fn parse(query: &str) -> Result<ParsedQuery, SearchError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::BadQuery(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let lexemes = lex(query)?;
    if lexemes.len() > MAX_CLAUSES * 2 {
        return Err(SearchError::BadQuery(format!(
            "the query has more than {MAX_CLAUSES} terms"
        )));
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut pending_or = false;
    for lexeme in lexemes {
        match lexeme {
            Lexeme::Or => {
                let previous_ok = groups.last().is_some_and(|g| g.role != Role::Excluded);
                if pending_or || !previous_ok {
                    return Err(SearchError::BadQuery(
                        "OR needs a term on each side (write `a OR b`)".to_string(),
                    ));
                }
                pending_or = true;
            }
            Lexeme::Clause { negated, clause } => {
                if pending_or {
                    if negated {
                        return Err(SearchError::BadQuery(
                            "an excluded term cannot be one side of OR".to_string(),
                        ));
                    }
                    if let Some(group) = groups.last_mut() {
                        group.alternatives.push(clause);
                        // An OR of alternatives is satisfied by any; required only if a side was.
                        group.role = Role::Optional;
                    }
                    pending_or = false;
                    continue;
                }
                let role = match (&clause, negated) {
                    (_, true) => Role::Excluded,
                    (Clause::Word(_), false) => Role::Optional,
                    _ => Role::Required,
                };
                groups.push(Group {
                    role,
                    alternatives: vec![clause],
                });
            }
        }
    }
    if pending_or {
        return Err(SearchError::BadQuery(
            "OR needs a term on each side (write `a OR b`)".to_string(),
        ));
    }
    if groups.len() > MAX_CLAUSES {
        return Err(SearchError::BadQuery(format!(
            "the query has more than {MAX_CLAUSES} terms"
        )));
    }
    Ok(ParsedQuery { groups })
}

fn lex(query: &str) -> Result<Vec<Lexeme>, SearchError> {
    let mut lexemes = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let mut negated = false;
        if let Some(after) = rest.strip_prefix('-') {
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                // A lone dash is punctuation (`قم - شهردار`), not an operator.
                rest = after.trim_start();
                continue;
            }
            negated = true;
            rest = after;
        }
        let clause;
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, remaining) = read_quoted(after)?;
            clause = Clause::Phrase(phrase.to_string());
            rest = remaining;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            if word == "OR" && !negated {
                lexemes.push(Lexeme::Or);
                rest = rest.trim_start();
                continue;
            }
            let field = word
                .split_once(':')
                .and_then(|(name, value)| Some((name, FieldName::parse(name)?, value)));
            clause = match field {
                Some((name, field, value)) => {
                    if !value.is_empty() {
                        Clause::Field(field, value.to_string())
                    } else if let Some(after) = rest.strip_prefix('"') {
                        let (phrase, remaining) = read_quoted(after)?;
                        rest = remaining;
                        Clause::Field(field, phrase.to_string())
                    } else {
                        return Err(SearchError::BadQuery(format!(
                            "`{name}:` needs a value (write {name}:name or {name}:\"two words\")"
                        )));
                    }
                }
                None => Clause::Word(word.to_string()),
            };
        }
        lexemes.push(Lexeme::Clause { negated, clause });
        rest = rest.trim_start();
    }
    Ok(lexemes)
}

/// The text up to the closing quote, and what follows it.
fn read_quoted(after_open: &str) -> Result<(&str, &str), SearchError> {
    match after_open.find('"') {
        Some(close) => Ok((&after_open[..close], &after_open[close + 1..])),
        None => Err(SearchError::BadQuery(
            "a quotation mark is not closed".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Clause {
        Clause::Word(w.to_string())
    }

    #[test]
    fn words_phrases_exclusions_and_fields() {
        let q = parse(r#"نفت "تحریم های آمریکا" -بنزین speaker:روحانی role:"وزیر نفت""#).unwrap();
        let roles: Vec<Role> = q.groups.iter().map(|g| g.role).collect();
        assert_eq!(
            roles,
            [
                Role::Optional,
                Role::Required,
                Role::Excluded,
                Role::Required,
                Role::Required
            ]
        );
        assert_eq!(q.groups[0].alternatives, [word("نفت")]);
        assert_eq!(
            q.groups[1].alternatives,
            [Clause::Phrase("تحریم های آمریکا".to_string())]
        );
        assert_eq!(
            q.groups[4].alternatives,
            [Clause::Field(FieldName::Role, "وزیر نفت".to_string())]
        );
    }

    #[test]
    fn or_joins_neighbours() {
        let q = parse("نفت OR گاز بنزین").unwrap();
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].alternatives, [word("نفت"), word("گاز")]);
    }

    #[test]
    fn malformed_queries_are_errors_not_panics() {
        for bad in [
            "\"باز",
            "OR نفت",
            "نفت OR",
            "نفت OR OR گاز",
            "speaker:",
            "a OR -b",
            "-a OR b",
        ] {
            assert!(matches!(parse(bad), Err(SearchError::BadQuery(_))), "{bad}");
        }
        assert!(parse(&"ب ".repeat(200)).is_err());
        assert!(parse(&"ب".repeat(2000)).is_err());
    }

    #[test]
    fn odd_but_valid_input() {
        assert!(parse("").unwrap().groups.is_empty());
        assert_eq!(parse("قم - شهردار").unwrap().groups.len(), 2);
        assert_eq!(
            parse("ساعت:۱۰").unwrap().groups[0].alternatives,
            [word("ساعت:۱۰")]
        );
        assert_eq!(parse("\"\"").unwrap().groups.len(), 1);
    }
}
