//! Splitting a long reply into messages a channel accepts.

/// Splits `text` into pieces of at most `max` characters, at a line break or a space when
/// one is near the end of a piece, so a long reply arrives as several clean messages.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let hard = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let window = &rest[..hard];
        let floor = window.char_indices().nth(max * 3 / 4).map_or(0, |(i, _)| i);
        let cut = window
            .rfind('\n')
            .filter(|i| *i >= floor)
            .or_else(|| window.rfind(' ').filter(|i| *i >= floor))
            .map_or(hard, |i| i + 1);
        pieces.push(rest[..cut].trim_end().to_string());
        rest = &rest[cut..];
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::split_text;

    #[test]
    fn long_text_is_split_at_line_breaks_within_the_limit() {
        let text = (0..2000)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let pieces = split_text(&text, 4096);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.chars().count() <= 4096));
        assert_eq!(pieces.join("\n"), text);
        assert!(pieces[1].starts_with("line "));
    }

    #[test]
    fn text_without_breaks_is_cut_on_characters() {
        let text = "ж".repeat(10_000);
        let pieces = split_text(&text, 4096);
        assert_eq!(
            pieces.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [4096, 4096, 1808]
        );
        assert_eq!(split_text("short", 4096), ["short"]);
    }
}
