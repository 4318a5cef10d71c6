//! The commands a mistyped name was probably meant to be (`/sumary` → /summary): the
//! listed commands whose name or an alias is closest to it by edit distance, when close
//! enough to be worth saying.

use super::registry::{COMMANDS, CommandSpec};

/// Suggestions given at most.
const MAX_SUGGESTIONS: usize = 2;

/// The listed commands closest to `typed` (any case), best first and in the registry's
/// order among equals; empty when none is close: one edit for a name of up to four
/// characters, two beyond.
pub fn closest(typed: &str) -> Vec<&'static CommandSpec> {
    let typed = typed.to_lowercase();
    let allowed = if typed.chars().count() <= 4 { 1 } else { 2 };
    let distance = |spec: &CommandSpec| {
        std::iter::once(spec.name)
            .chain(spec.aliases.iter().copied())
            .map(|word| strsim::damerau_levenshtein(word, &typed))
            .min()
            .unwrap_or(usize::MAX)
    };
    let scored: Vec<(usize, &'static CommandSpec)> = COMMANDS
        .iter()
        .map(|spec| (distance(spec), spec))
        .filter(|(d, _)| *d <= allowed)
        .collect();
    let Some(best) = scored.iter().map(|(d, _)| *d).min() else {
        return Vec::new();
    };
    scored
        .into_iter()
        .filter(|(d, _)| *d == best)
        .map(|(_, spec)| spec)
        .take(MAX_SUGGESTIONS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::closest;

    fn names(typed: &str) -> Vec<&'static str> {
        closest(typed).iter().map(|spec| spec.name).collect()
    }

    #[test]
    fn typos_find_their_command() {
        assert_eq!(names("sumary"), ["summary"]);
        assert_eq!(names("Calender"), ["calendar"]);
        assert_eq!(names("contactos"), ["contacts"]);
        assert_eq!(names("contacs"), ["contacts", "contact"]);
        assert_eq!(names("newcontac"), ["new_contact"]);
        assert_eq!(names("frobnicate"), Vec::<&str>::new());
        assert_eq!(names("x"), Vec::<&str>::new());
    }
}
