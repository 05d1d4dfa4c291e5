//! Turning raw query-string parameters into a validated [`SearchRequest`]. Every bound the API
//! promises (page size, offset, query length, dates) is enforced here, with a message that says
//! what was wrong and what is accepted.

use serde::Deserialize;

use super::error::ApiError;
use crate::corpus::date;
use crate::index::{Scope, SearchRequest, SortOrder};

/// Bounds on what one request may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Hits per page when `limit` is not given.
    pub default_limit: usize,
    /// Largest `limit` accepted.
    pub max_limit: usize,
    /// Largest `offset` accepted: deep paging costs the engine `offset + limit` collected hits.
    pub max_offset: usize,
    /// Longest query, in characters (not bytes: Persian letters are two bytes each).
    pub max_query_chars: usize,
    /// Longest filter value (speaker, role, topic, source, prefix), in characters.
    pub max_filter_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            default_limit: 10,
            max_limit: 100,
            max_offset: 10_000,
            max_query_chars: 512,
            max_filter_chars: 200,
        }
    }
}

/// `GET /api/search` parameters as they arrive: all text, so that a bad value gets our own clear
/// message instead of a generic deserialization error.
#[derive(Debug, Default, Deserialize)]
pub struct RawSearchParams {
    pub q: Option<String>,
    pub scope: Option<String>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub topic: Option<String>,
    pub source: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub sort: Option<String>,
}

/// `GET /api/speakers` parameters.
#[derive(Debug, Default, Deserialize)]
pub struct RawSpeakerParams {
    pub prefix: Option<String>,
    pub limit: Option<String>,
}

/// Blank form fields count as absent: the web page submits every field.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn bounded_text(
    name: &str,
    value: &Option<String>,
    max_chars: usize,
) -> Result<Option<String>, ApiError> {
    match present(value) {
        None => Ok(None),
        Some(v) if v.chars().count() > max_chars => Err(ApiError::bad_parameter(format!(
            "`{name}` is longer than {max_chars} characters"
        ))),
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// Parses a whole number in `0..=max`; negative, fractional or huge values are refused.
pub fn bounded_number(
    name: &str,
    value: &Option<String>,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    let Some(text) = present(value) else {
        return Ok(default);
    };
    let out_of_range =
        || ApiError::bad_parameter(format!("`{name}` must be a whole number from 0 to {max}"));
    let number: i128 = text.parse().map_err(|_| out_of_range())?;
    usize::try_from(number)
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(out_of_range)
}

fn iso_date(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    match present(value) {
        None => Ok(None),
        Some(text) => date::to_iso(text).map(Some).ok_or_else(|| {
            ApiError::bad_parameter(format!(
                "`{name}` is not a date: give ISO (2024-05-01) or Jalali (1403/02/12)"
            ))
        }),
    }
}

fn scope(value: &Option<String>) -> Result<Scope, ApiError> {
    match present(value) {
        None | Some("statements") => Ok(Scope::Statements),
        Some("articles") => Ok(Scope::Articles),
        Some(_) => Err(ApiError::bad_parameter(
            "`scope` must be `statements` or `articles`",
        )),
    }
}

fn sort(value: &Option<String>) -> Result<SortOrder, ApiError> {
    match present(value) {
        None | Some("relevance") => Ok(SortOrder::Relevance),
        Some("date") => Ok(SortOrder::Date),
        Some(_) => Err(ApiError::bad_parameter(
            "`sort` must be `relevance` or `date`",
        )),
    }
}

impl RawSearchParams {
    /// Checks every parameter against `limits` and builds the engine's request.
    pub fn validate(&self, limits: &Limits) -> Result<SearchRequest, ApiError> {
        let query = present(&self.q).unwrap_or_default();
        if query.chars().count() > limits.max_query_chars {
            return Err(ApiError::bad_parameter(format!(
                "`q` is longer than {} characters",
                limits.max_query_chars
            )));
        }
        let from = iso_date("from", &self.from)?;
        let to = iso_date("to", &self.to)?;
        if let (Some(from), Some(to)) = (&from, &to)
            && from > to
        {
            return Err(ApiError::bad_parameter(format!(
                "`from` ({from}) is after `to` ({to})"
            )));
        }
        let text = |name, value| bounded_text(name, value, limits.max_filter_chars);
        Ok(SearchRequest {
            query: query.to_string(),
            scope: scope(&self.scope)?,
            speaker: text("speaker", &self.speaker)?,
            role: text("role", &self.role)?,
            topic: text("topic", &self.topic)?,
            source: text("source", &self.source)?,
            from,
            to,
            limit: bounded_number("limit", &self.limit, limits.default_limit, limits.max_limit)?,
            offset: bounded_number("offset", &self.offset, 0, limits.max_offset)?,
            sort: sort(&self.sort)?,
        })
    }
}

impl RawSpeakerParams {
    /// The prefix (possibly empty) and the number of names wanted.
    pub fn validate(&self, limits: &Limits) -> Result<(String, usize), ApiError> {
        let prefix = bounded_text("prefix", &self.prefix, limits.max_filter_chars)?;
        let limit = bounded_number("limit", &self.limit, 10, limits.max_limit)?;
        Ok((prefix.unwrap_or_default(), limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The params axum's `Query` would give for these (already decoded) pairs.
    fn raw(pairs: &[(&str, &str)]) -> RawSearchParams {
        let mut p = RawSearchParams::default();
        for (key, value) in pairs {
            let value = Some(value.to_string());
            match *key {
                "q" => p.q = value,
                "scope" => p.scope = value,
                "speaker" => p.speaker = value,
                "from" => p.from = value,
                "to" => p.to = value,
                "limit" => p.limit = value,
                "offset" => p.offset = value,
                "sort" => p.sort = value,
                _ => panic!("unknown test key {key}"),
            }
        }
        p
    }

    fn check(pairs: &[(&str, &str)]) -> Result<SearchRequest, ApiError> {
        raw(pairs).validate(&Limits::default())
    }

    #[test]
    fn defaults_fill_a_bare_query() {
        let request = check(&[("q", "تورم")]).unwrap();
        assert_eq!(request.query, "تورم");
        assert_eq!(request.scope, Scope::Statements);
        assert_eq!(request.sort, SortOrder::Relevance);
        assert_eq!((request.limit, request.offset), (10, 0));
        assert_eq!(request.speaker, None);
    }

    #[test]
    fn blank_fields_count_as_absent() {
        let request = check(&[("q", ""), ("speaker", "  "), ("from", ""), ("limit", "")]).unwrap();
        assert_eq!(request.query, "");
        assert_eq!(request.speaker, None);
        assert_eq!(request.from, None);
        assert_eq!(request.limit, 10);
    }

    #[test]
    fn limits_outside_the_bounds_are_refused() {
        for bad in ["-1", "101", "99999999999999999999999", "1.5", "ten"] {
            let error = check(&[("limit", bad)]).unwrap_err();
            assert_eq!(error.error, "bad_parameter", "limit={bad}");
            assert!(error.detail.contains("limit"));
        }
        assert_eq!(check(&[("limit", "100")]).unwrap().limit, 100);
        assert_eq!(check(&[("limit", "0")]).unwrap().limit, 0);
        assert!(check(&[("offset", "10001")]).is_err());
        assert!(check(&[("offset", "-5")]).is_err());
    }

    #[test]
    fn scope_and_sort_accept_only_known_values() {
        assert_eq!(
            check(&[("scope", "articles")]).unwrap().scope,
            Scope::Articles
        );
        assert!(check(&[("scope", "paragraphs")]).is_err());
        assert_eq!(check(&[("sort", "date")]).unwrap().sort, SortOrder::Date);
        assert!(check(&[("sort", "random")]).is_err());
    }

    #[test]
    fn dates_may_be_iso_or_jalali_in_either_digit_set() {
        let request = check(&[("from", "1403/02/12"), ("to", "۱۴۰۳/۰۲/۲۰")]).unwrap();
        assert_eq!(request.from.as_deref(), Some("2024-05-01"));
        assert_eq!(request.to.as_deref(), Some("2024-05-09"));
        let request = check(&[("from", "2024-01-31")]).unwrap();
        assert_eq!(request.from.as_deref(), Some("2024-01-31"));
        for bad in ["2024-02-30", "yesterday", "1403/13/01"] {
            assert!(check(&[("from", bad)]).is_err(), "from={bad}");
        }
        let error = check(&[("from", "2024-05-02"), ("to", "2024-05-01")]).unwrap_err();
        assert!(error.detail.contains("after"));
    }

    #[test]
    fn query_length_is_counted_in_characters() {
        let limits = Limits::default();
        let at_bound = "ب".repeat(limits.max_query_chars);
        assert!(check(&[("q", &at_bound)]).is_ok());
        let over = "ب".repeat(limits.max_query_chars + 1);
        let error = check(&[("q", &over)]).unwrap_err();
        assert!(error.detail.contains("`q`"));
    }

    #[test]
    fn speaker_prefix_defaults_to_everyone() {
        let (prefix, limit) = RawSpeakerParams::default()
            .validate(&Limits::default())
            .unwrap();
        assert_eq!((prefix.as_str(), limit), ("", 10));
        let long = RawSpeakerParams {
            prefix: Some("x".repeat(201)),
            limit: None,
        };
        assert!(long.validate(&Limits::default()).is_err());
    }
}
