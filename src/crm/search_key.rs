//! The normalized text records are searched by: lower case, accents removed, whitespace
//! folded. The same function normalizes queries, so "zoe" finds "Zoë" on both backends.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cased, accent-free, single-spaced text of all `parts`.
pub fn search_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for part in parts {
        for word in fold(part).split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
    }
    key
}

/// A `LIKE` pattern matching `query` anywhere in a search key (`\` escapes).
pub fn like_pattern(query: &str) -> String {
    let folded = search_key([query]);
    let mut pattern = String::with_capacity(folded.len() + 2);
    pattern.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(
            search_key(["  Zoë  Ångström", "ZOE@Example.com"]),
            "zoe angstrom zoe@example.com"
        );
        assert_eq!(search_key(["Анна Петрова"]), "анна петрова");
    }

    #[test]
    fn escapes_like_wildcards() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
