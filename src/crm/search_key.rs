//! The normalized text records are searched by: lower case, accents removed, punctuation
//! turned into spaces. Queries are folded the same way and become prefix queries, so "zoe"
//! finds "Zoë" and "151 1234" finds +49 151 12345678 on both backends.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cased, accent-free, space-separated alphanumeric words of all `parts`.
pub fn search_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for part in parts {
        for word in words(part) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&word);
        }
    }
    key
}

/// The words of a query, folded like a search key (at most 8, each at most 40 chars).
pub fn query_words(query: &str) -> Vec<String> {
    words(query)
        .map(|w| w.chars().take(40).collect())
        .take(8)
        .collect()
}

/// An FTS5 query: every word as a quoted prefix (`"ann"* "pet"*`), `None` for no words.
pub fn fts5_query(query: &str) -> Option<String> {
    prefix_query(query, |w| format!("\"{w}\"*"), " ")
}

/// A PostgreSQL `to_tsquery('simple', …)` text: `ann:* & pet:*`, `None` for no words.
pub fn tsquery(query: &str) -> Option<String> {
    prefix_query(query, |w| format!("{w}:*"), " & ")
}

/// The words of `query`, each written as a prefix by `prefix`, joined by `and`; `None` for
/// no words.
fn prefix_query(query: &str, prefix: fn(&str) -> String, and: &str) -> Option<String> {
    let words = query_words(query);
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| prefix(w))
            .collect::<Vec<_>>()
            .join(and)
    })
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded
        .split_whitespace()
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            search_key(["  Zoë  Ångström", "ZOE@Example.com", "+49 151"]),
            "zoe angstrom zoe example com 49 151"
        );
        assert_eq!(search_key(["Анна Петрова"]), "анна петрова");
    }

    #[test]
    fn queries_become_safe_prefix_queries() {
        assert_eq!(fts5_query("Zoë \"OR\" *"), Some("\"zoe\"* \"or\"*".into()));
        assert_eq!(tsquery("ann pet'"), Some("ann:* & pet:*".into()));
        assert_eq!(fts5_query(" - ! "), None);
        assert_eq!(query_words(&"a ".repeat(20)).len(), 8);
    }
}
