//! The one text truncator: at most `max` characters, the last one "…" when something was cut.
//! Cards, buttons, list rows and import problems all shorten text through it.

/// At most `max` characters of `text`, the last one "…" when something was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn keeps_short_text_and_cuts_long_text_with_an_ellipsis() {
        assert_eq!(shorten("Ada", 3), "Ada");
        assert_eq!(shorten("Adaline", 4), "Ada…");
        assert_eq!(shorten("Ёжик", 2), "Ё…");
        assert_eq!(shorten("abc", 0), "…");
    }
}
