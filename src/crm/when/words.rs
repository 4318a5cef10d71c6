//! The words of a moment: folding and tokens. What a word means comes from the locales
//! ([`super::vocabulary`]); the shapes of numbers, times and dates are here.

use super::*;

pub(super) fn tokenize(input: &str) -> Option<Vec<Tok>> {
    tokenize_with(&WORDS, input)
}

/// The tokens of `input` read with the words of `vocabulary`.
pub(super) fn tokenize_with(vocabulary: &Vocabulary, input: &str) -> Option<Vec<Tok>> {
    let folded = fold(input);
    let words: Vec<&str> = folded
        .split_whitespace()
        .map(clean_word)
        .filter(|word| !word.is_empty())
        .collect();
    let mut tokens = Vec::new();
    let mut rest = words.as_slice();
    while let [word, tail @ ..] = rest {
        if let Some((phrase, after)) = tail.split_first().and_then(|(second, after)| {
            vocabulary
                .meaning(&format!("{word} {second}"))
                .map(|phrase| (phrase, after))
        }) {
            tokens.extend(phrase);
            rest = after;
            continue;
        }
        word_tokens(vocabulary, word, &mut tokens)?;
        rest = tail;
    }
    Some(resolve_at(tokens))
}

/// "at" / "в" / "a las" followed by a bare hour is a clock time when another word names
/// the day ("tomorrow at 10"); alone ("meet at 5") the number stays a number. Otherwise
/// the marker is a filler and goes.
fn resolve_at(tokens: Vec<Tok>) -> Vec<Tok> {
    let names_a_day = tokens
        .iter()
        .any(|token| !matches!(token, Tok::At | Tok::Num { .. } | Tok::Meridiem { .. }));
    let mut out = Vec::with_capacity(tokens.len());
    let mut after_at = false;
    for token in tokens {
        match token {
            Tok::At => {
                after_at = true;
                continue;
            }
            Tok::Num {
                value,
                digits: 1..=2,
            } if after_at && names_a_day && value <= 23 => out.push(Tok::Clock {
                hour: value,
                minute: 0,
            }),
            other => out.push(other),
        }
        after_at = false;
    }
    out
}

/// Lower case with Latin accents removed ("Mañana" → "manana"); Cyrillic letters such
/// as "й" and "ё" are kept as they are.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let mut base = None;
        let mut only_marks = true;
        decompose_canonical(c, |part| {
            if base.is_none() {
                base = Some(part);
            } else if !is_combining_mark(part) {
                only_marks = false;
            }
        });
        match base {
            Some(base) if base.is_ascii_alphabetic() && only_marks => out.push(base),
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn clean_word(word: &str) -> &str {
    word.trim_start_matches(['(', '"', '\'', '«', '@'])
        .trim_end_matches([',', ';', '!', '?', '.', ')', '"', '\'', '»'])
}

/// Whether `word` carries no meaning of its own: empty, "@", a filler or a clock marker
/// ("at", "в", "el", "para").
pub(super) fn is_filler(word: &str) -> bool {
    word.is_empty() || word == "@" || matches!(WORDS.meaning(word), Some(None | Some(Tok::At)))
}

fn word_tokens(vocabulary: &Vocabulary, word: &str, out: &mut Vec<Tok>) -> Option<()> {
    match vocabulary.meaning(word) {
        Some(Some(token)) => {
            out.push(token);
            return Some(());
        }
        Some(None) => return Some(()),
        None if word == "@" => {
            out.push(Tok::At);
            return Some(());
        }
        None => {}
    }
    if let Some(token) = meridiem(word) {
        out.push(token);
        return Some(());
    }
    if let Some((clock, pm)) = strip_meridiem(word) {
        let (hour, minute) = hour_minute(clock, ':').or_else(|| hour_minute(clock, '.'))?;
        out.extend([Tok::Clock { hour, minute }, Tok::Meridiem { pm }]);
        return Some(());
    }
    out.extend(shaped_tokens(vocabulary, word)?);
    Some(())
}

/// Tokens of a word with digits: times, dates, numbers and "2h"-style counts.
fn shaped_tokens(vocabulary: &Vocabulary, word: &str) -> Option<Vec<Tok>> {
    if word.contains(':') {
        let (hour, minute) = hour_minute(word, ':')?;
        return Some(vec![Tok::Clock { hour, minute }]);
    }
    if word.contains('-') {
        return iso_date(word).map(|token| vec![token]);
    }
    if word.contains('/') {
        return day_month(word, '/').map(|token| vec![token]);
    }
    if word.contains('.') {
        return dotted(word).map(|token| vec![token]);
    }
    if let Some(token) = number(word) {
        return Some(vec![token]);
    }
    let split = word.find(|c: char| !c.is_ascii_digit())?;
    let (count, unit) = word.split_at(split);
    match (number(count)?, vocabulary.meaning(unit)??) {
        (count, unit @ Tok::Unit(_)) => Some(vec![count, unit]),
        _ => None,
    }
}

pub(super) fn strip_meridiem(word: &str) -> Option<(&str, bool)> {
    ["am", "a.m", "pm", "p.m"].iter().find_map(|suffix| {
        let rest = word.strip_suffix(suffix)?;
        (!rest.is_empty()).then_some((rest, suffix.starts_with('p')))
    })
}

pub(super) fn digits(text: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    if ok { text.parse().ok() } else { None }
}

pub(super) fn number(text: &str) -> Option<Tok> {
    let value = digits(text, 1, 4)?;
    Some(Tok::Num {
        value,
        digits: text.len(),
    })
}

/// "9", "9:30", "09:30" (or with `.`); minutes need two digits.
pub(super) fn hour_minute(text: &str, separator: char) -> Option<(u32, u32)> {
    match text.split_once(separator) {
        Some((hour, minute)) => Some((digits(hour, 1, 2)?, digits(minute, 2, 2)?)),
        None => Some((digits(text, 1, 2)?, 0)),
    }
}

pub(super) fn iso_date(word: &str) -> Option<Tok> {
    let mut parts = word.split('-');
    let token = Tok::Iso {
        year: digits(parts.next()?, 4, 4)?,
        month: digits(parts.next()?, 1, 2)?,
        day: digits(parts.next()?, 1, 2)?,
    };
    parts.next().is_none().then_some(token)
}

pub(super) fn day_month(word: &str, separator: char) -> Option<Tok> {
    let mut parts = word.split(separator);
    let day = digits(parts.next()?, 1, 2)?;
    let month = digits(parts.next()?, 1, 2)?;
    let year = match parts.next() {
        None => None,
        Some(year) if year.len() == 2 || year.len() == 4 => Some(digits(year, 2, 4)?),
        Some(_) => return None,
    };
    parts.next().is_none().then_some(Tok::DayMonth {
        day,
        month,
        year,
        slashed: separator == '/',
    })
}

pub(super) fn dotted(word: &str) -> Option<Tok> {
    if word.matches('.').count() == 2 {
        return day_month(word, '.')
            .filter(|token| matches!(token, Tok::DayMonth { year: Some(_), .. }));
    }
    let (a, b) = word.split_once('.')?;
    Some(Tok::Dotted {
        a: digits(a, 1, 2)?,
        b: digits(b, 1, 2)?,
        b_digits: b.len(),
    })
}

/// "am" / "pm" written as a word of its own ("3 pm"): clock notation, not a language's word.
fn meridiem(word: &str) -> Option<Tok> {
    match word {
        "am" | "a.m" => Some(Tok::Meridiem { pm: false }),
        "pm" | "p.m" => Some(Tok::Meridiem { pm: true }),
        _ => None,
    }
}
