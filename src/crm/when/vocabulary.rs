//! The date parser's words, read from every shipped locale's `when-word-*` messages (see
//! `locales/en/main.ftl`): a language's "tomorrow", weekdays, months, units and fillers
//! come from its Fluent file, so a new `locales/xx/main.ftl` teaches the parser its words
//! with no code. Words are folded like the user's text ([`fold`]), so accents are optional.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::Weekday;

use super::{Tok, Unit, fold};
use crate::i18n::Locale;

/// One language's messages: the text of a message id, if the language has it.
pub(super) type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What a word or a two-word phrase means: a token, or `None` for a filler that goes.
pub(super) type Meaning = Option<Tok>;

/// Every message the parser reads, for the test that each locale has them.
#[cfg(test)]
pub(super) fn keys() -> impl Iterator<Item = &'static str> {
    SINGLE
        .iter()
        .map(|(key, _)| *key)
        .chain(GROUPED.iter().map(|(key, _)| *key))
        .chain([AMBIGUOUS])
}

/// How many `|`-separated groups each grouped message has.
#[cfg(test)]
pub(super) const GROUP_SIZES: [(&str, usize); 3] = [
    ("when-word-weekdays", 7),
    ("when-word-months", 12),
    ("when-word-units", 5),
];

/// Messages of one word list each, in the order a word found in two of them is read:
/// the first wins ("at" is a clock marker before it is a filler).
const SINGLE: &[(&str, Meaning)] = &[
    ("when-word-at", Some(Tok::At)),
    ("when-word-filler", None),
    ("when-word-today", Some(Tok::DayOffset(0))),
    ("when-word-tomorrow", Some(Tok::DayOffset(1))),
    ("when-word-day-after-tomorrow", Some(Tok::DayOffset(2))),
    ("when-word-yesterday", Some(Tok::DayOffset(-1))),
    ("when-word-tonight", Some(Tok::Tonight)),
    ("when-word-next", Some(Tok::Next)),
    ("when-word-next-after", Some(Tok::NextAfter)),
    ("when-word-this", Some(Tok::This)),
    (
        "when-word-in",
        Some(Tok::In {
            count_optional: false,
        }),
    ),
    (
        "when-word-in-count-optional",
        Some(Tok::In {
            count_optional: true,
        }),
    ),
    ("when-word-one", Some(Tok::One)),
    ("when-word-noon", Some(Tok::Noon)),
];

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const UNITS: [Unit; 5] = [Unit::Minute, Unit::Hour, Unit::Day, Unit::Week, Unit::Month];

/// The meaning of the `index`-th `|`-separated group of a grouped message.
type Group = fn(usize) -> Option<Tok>;

/// Messages of `|`-separated groups of words, read after [`SINGLE`]: Monday to Sunday,
/// January to December, minute to month.
const GROUPED: &[(&str, Group)] = &[
    ("when-word-weekdays", |i| {
        WEEKDAYS.get(i).copied().map(Tok::Weekday)
    }),
    ("when-word-months", |i| {
        (i < 12).then(|| Tok::Month(i as u32 + 1))
    }),
    ("when-word-units", |i| UNITS.get(i).copied().map(Tok::Unit)),
];

/// Single words that are far more often ordinary words than dates ("sun", "may" is a
/// month already): alone they are not a date.
const AMBIGUOUS: &str = "when-word-ambiguous";

/// The words of some languages, folded, with what they mean.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    meanings: HashMap<String, Meaning>,
    ambiguous: Vec<String>,
}

/// The words of every shipped locale.
pub(super) static WORDS: LazyLock<Vocabulary> = LazyLock::new(|| {
    let messages: Vec<_> = Locale::all()
        .iter()
        .map(|&locale| move |key: &str| locale.try_text(key))
        .collect();
    let lookups: Vec<Lookup<'_>> = messages.iter().map(|f| f as Lookup<'_>).collect();
    Vocabulary::read(&lookups)
});

impl Vocabulary {
    /// The words the message `lookups` (one a language) give; a missing message adds
    /// nothing.
    pub(super) fn read(lookups: &[Lookup<'_>]) -> Vocabulary {
        let mut words = Vocabulary::default();
        for (key, meaning) in SINGLE {
            for lookup in lookups {
                words.add(lookup(key).as_deref().unwrap_or(""), *meaning);
            }
        }
        for (key, group) in GROUPED {
            for lookup in lookups {
                let text = lookup(key).unwrap_or_default();
                for (index, list) in text.split('|').enumerate() {
                    if let Some(token) = group(index) {
                        words.add(list, Some(token));
                    }
                }
            }
        }
        for lookup in lookups {
            let ambiguous = lookup(AMBIGUOUS).unwrap_or_default();
            words.ambiguous.extend(folded_list(&ambiguous));
        }
        words
    }

    fn add(&mut self, list: &str, meaning: Meaning) {
        for word in folded_list(list) {
            self.meanings.entry(word).or_insert(meaning);
        }
    }

    /// What the folded `word` (or two words joined by one space) means, if it is one of
    /// ours.
    pub(super) fn meaning(&self, word: &str) -> Option<Meaning> {
        self.meanings.get(word).copied()
    }

    /// Whether the folded `word` alone is more likely an ordinary word than a date.
    pub(super) fn is_ambiguous(&self, word: &str) -> bool {
        self.ambiguous.iter().any(|w| w == word)
    }
}

/// The comma-separated words of `list`, folded, without empty ones (`{""}` in a Fluent
/// file is a language without such a word).
fn folded_list(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(',')
        .map(|word| {
            fold(word.trim())
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|word| !word.is_empty())
}
