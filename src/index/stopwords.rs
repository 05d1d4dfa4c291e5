//! The most frequent Persian function words. They stay in the index (phrases need them) but are
//! dropped from bag-of-words queries that have other words: they add nothing to ranking and their
//! posting lists are the longest, so they would dominate query time.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::tokenizer::terms;

const FUNCTION_WORDS: &str = "و در به از که این را با است برای آن یک تا بر هم شد شده نیز اما یا \
    بود باشد کرد کند کرده شود می‌شود خود وی او ما ها های ای همه پس چه اگر هر دیگر بین پیش روی \
    باید نمی‌شود دارد داشت بوده هستند بی آنها اینکه چنین ولی سوی سپس";

static STOPWORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| FUNCTION_WORDS.split_whitespace().flat_map(terms).collect());

/// Whether an analyzed term is a function word.
pub fn is_stopword(term: &str) -> bool {
    STOPWORDS.contains(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_in_any_spelling() {
        assert!(is_stopword("و"));
        assert!(terms("مي شود").iter().all(|t| is_stopword(t)));
        assert!(!is_stopword("نفت"));
    }
}
