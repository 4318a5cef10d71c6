//! Peeling a trailing moment off a text (`/task call Anna tomorrow 15:00`).

use super::*;

// ---------------------------------------------------------------------------------------
// split_trailing_when
// ---------------------------------------------------------------------------------------

/// Splits "call Anna tomorrow 15:00" into ("call Anna", the moment): the longest run of
/// at most 5 trailing words that [`parse_when`] accepts. Fillers and the markers "due",
/// "by", "до", "para" in front of the date go with it ("call Anna due fri").
///
/// Returns `(text, None)` unchanged when there is no trailing date, or when the whole
/// text is a date (the body must not be empty). Bare numbers ("send offers to 5") are
/// never dates; a lone trailing month name ("may"), "sat"/"sun"/"wed", or a day.month /
/// day/month without year that could be a number or a fraction ("2.5", "1/2") is not
/// taken either unless a marker precedes it ("до 5.12", "due 1/12"); "12/31" is.
pub fn split_trailing_when(
    text: &str,
    now: DateTime<Utc>,
    tz: Tz,
    order: DateOrder,
) -> (String, Option<When>) {
    let unchanged = || (text.to_string(), None);
    if parse_when(text, now, tz, order).is_ok() {
        return unchanged();
    }
    let starts = word_starts(text);
    let longest = MAX_DATE_WORDS.min(starts.len().saturating_sub(1));
    for length in (1..=longest).rev() {
        let Some(tail) = starts
            .len()
            .checked_sub(length)
            .and_then(|first| starts.get(first))
            .and_then(|&cut| text.get(cut..).map(|tail| (cut, tail)))
        else {
            continue;
        };
        let (cut, tail) = tail;
        if length == 1 && is_ambiguous_word(tail) {
            continue;
        }
        let Ok(when) = parse_when(tail, now, tz, order) else {
            continue;
        };
        let body = strip_trailing_fillers(text.get(..cut).unwrap_or_default()).trim_start();
        return if body.is_empty() {
            unchanged()
        } else {
            (body.to_string(), Some(when))
        };
    }
    unchanged()
}

pub(super) fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut previous_is_space = true;
    for (index, c) in text.char_indices() {
        if !c.is_whitespace() && previous_is_space {
            starts.push(index);
        }
        previous_is_space = c.is_whitespace();
    }
    starts
}

/// Single words that are far more often ordinary words or numbers than dates: "may",
/// "sun", "2.5", "1/2", "3/4". With a marker ("до 5.12") or more words they are dates. A
/// slashed pair with a number over 12 ("12/31", "31/12", "1/13") is read as a date: only
/// a day can be that large, and such pairs are rarely fractions.
pub(super) fn is_ambiguous_word(word: &str) -> bool {
    let folded = fold(word);
    if WORDS.is_ambiguous(clean_word(folded.trim())) {
        return true;
    }
    match tokenize(word).as_deref() {
        Some([Tok::Month(_) | Tok::Dotted { .. }]) => true,
        Some(
            [
                Tok::DayMonth {
                    day,
                    month,
                    year: None,
                    ..
                },
            ],
        ) => *day <= 12 && *month <= 12,
        _ => false,
    }
}

/// Drops trailing words that carry no meaning of their own ("due", "at", "до", "el").
pub(super) fn strip_trailing_fillers(body: &str) -> &str {
    let mut body = body.trim_end();
    while let Some((head, last)) = body.rsplit_once(char::is_whitespace) {
        if !is_filler(clean_word(&fold(last))) {
            break;
        }
        body = head.trim_end();
    }
    if is_filler(clean_word(&fold(body))) {
        ""
    } else {
        body
    }
}
