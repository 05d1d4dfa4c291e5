//! Exact-match keys and date numbers shared by the writer and the searcher.

use super::tokenizer::terms;
use crate::corpus::date::parse_date;

/// The spelling-insensitive exact key of a name (source, topic, speaker): its terms joined by a
/// space, so `خبرگزاري فارس` and `خبرگزاری‌فارس`-style variants filter alike.
pub fn exact_key(value: &str) -> String {
    terms(value).join(" ")
}

/// `2024-05-01` (or a Jalali date) as the number `20240501`, the form the `day` fast field holds.
pub fn day_number(date: &str) -> Option<i64> {
    let d = parse_date(date)?;
    Some(i64::from(d.year) * 10_000 + i64::from(d.month) * 100 + i64::from(d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_spelling_habits() {
        assert_eq!(exact_key("خبرگزاري فارس"), exact_key("خبرگزاری فارس"));
        assert_eq!(exact_key("  Fars  News "), "fars news");
    }

    #[test]
    fn day_numbers_sort_like_dates() {
        assert_eq!(day_number("2024-05-01"), Some(20240501));
        assert_eq!(day_number("1403/02/12"), Some(20240501));
        assert_eq!(day_number("not a date"), None);
    }
}
