//! Moments in time as salespeople type them. This module owns the whole "text ⇄ instant"
//! edge: [`parse_when`] turns "tomorrow 15:00", "fri", "через 2 часа" or "1.12.2026" into
//! a UTC instant read in the user's zone; [`split_trailing_when`] peels such a date off
//! the end of a `/task` text; [`parse_time_zone`] reads `/timezone` answers;
//! [`format_local`] writes an instant back in the user's zone.
//!
//! How parsing works: the text is lower-cased, Latin accents are folded ("mañana" →
//! "manana"), and every word becomes a token from the `when-word-*` word lists of every
//! shipped locale (`vocabulary.rs`: a new language's file brings its words); fillers
//! ("at", "on", "by", "due", "в", "на", "до", "el", "a las", "para") are dropped. A clock time ("15:00", "3pm", "3:30 pm", "9.30pm", "noon") is taken out, and
//! what is left must match one of a few fixed shapes (listed on [`parse_when`]).
//! Calendar dates (ISO, day/month[/year], "1 dec", "dec 1, 2026", "1 de diciembre",
//! "1 декабря") are written as a canonical English phrase and handed to `interim` with
//! [`Dialect::Uk`], so numeric dates are day-first: "1/12" and "1.12.2026" are
//! 1 December. Only for English ([`DateOrder::MonthFirst`]) is a slashed date whose
//! first number can be a month read month-first ("12/1" is 1 December, "12/31" is
//! 31 December; "31/12" stays 31 December); dotted dates are day-first in every
//! language. Only those
//! canonical phrases reach `interim`, never the user's text: interim 0.2.2 panics on some
//! raw inputs ("2026-12-01 9AM", a long word after an hour).
//!
//! The grammar is strict on purpose: anything outside the shapes is
//! [`WhenError::Unrecognized`], so that `split_trailing_when` does not turn
//! "send offers to 5" into a date.

mod format;
mod split;
#[cfg(test)]
mod tests;
mod vocabulary;
mod words;
mod zone;

use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::{GapInfo, TZ_VARIANTS, Tz};
use interim::Dialect;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

pub use format::format_local;
pub use split::split_trailing_when;
use vocabulary::{Vocabulary, WORDS};
use words::*;
pub use zone::parse_time_zone;

/// How a slashed numeric date ("1/12") is read: as the language's `date-order` message
/// says (month-first only in English today).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// "1/12" is 1 December (Russian, Spanish, and every dotted date).
    DayFirst,
    /// "12/1" is 1 December, when the first number can be a month (English).
    MonthFirst,
}

impl DateOrder {
    /// The order of a language code ("en", "ru"): its locale's `date-order` message
    /// (`month-first` or `day-first`); day-first for a language we do not ship.
    pub fn for_language(lang: &str) -> DateOrder {
        let primary = lang.split(['-', '_', '.']).next().unwrap_or("");
        match crate::i18n::Locale::named(&primary.to_ascii_lowercase()) {
            Some(locale) if locale.text("date-order").trim() == "month-first" => {
                DateOrder::MonthFirst
            }
            _ => DateOrder::DayFirst,
        }
    }
}

/// A moment the user named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The instant, in UTC.
    pub at: DateTime<Utc>,
    /// Whether the text named a clock time. Without one the moment is 09:00 local on the
    /// named day ("tonight" counts as a time: 20:00).
    pub has_time: bool,
}

/// Why a text is not a moment. Past moments are not an error: callers decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("no date or time given")]
    Empty,
    #[error("date or time not understood")]
    Unrecognized,
}

/// Local time used when only a day is named.
const DEFAULT_TIME: NaiveTime = hm(9, 0);
/// Local time of "tonight" / "esta noche" / "сегодня вечером".
const EVENING_TIME: NaiveTime = hm(20, 0);
const NOON: NaiveTime = hm(12, 0);
/// Longer inputs are not dates; refusing them early keeps parsing cheap.
const MAX_INPUT_BYTES: usize = 200;
/// `split_trailing_when` looks at most this many trailing words.
const MAX_DATE_WORDS: usize = 5;
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const fn hm(hour: u32, minute: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    }
}

// ---------------------------------------------------------------------------------------
// parse_when
// ---------------------------------------------------------------------------------------

/// Reads `input` as a moment in zone `tz`, relative to `now`.
///
/// Shapes (English / Russian / Spanish words are interchangeable), each optionally with a
/// clock time ("15:00", "3pm", "3:30 pm", "9.30pm", "noon", "полдень", "mediodía"):
/// - `today` `tomorrow` `yesterday` `сегодня` `завтра` `послезавтра` `вчера` `hoy` `mañana`
///   `pasado mañana` `ayer`; `tonight` / `сегодня вечером` / `esta noche` (20:00);
/// - a weekday ("fri", "friday", "пт", "пятницу", "viernes"): the next such day strictly
///   after today, so "fri" on a Friday is a week ahead. "next fri" / "следующая пятница" /
///   "próximo viernes" / "viernes que viene" is the same day: "fri" and "next fri" never
///   disagree;
/// - `next week` / `на следующей неделе` / `la semana que viene`: Monday of next week;
///   `next month`: the 1st of next month;
/// - `in N minutes|hours` (exact duration from `now`), `in N days|weeks|months` (a day);
///   also "in an hour", "in 2h", "через 2 часа", "через час", "en 3 días";
/// - dates: "2026-12-01", "1/12/2026", "1/12/26", "1.12.2026", "1/12", "dec 1", "1 dec",
///   "dec 1, 2026", "1 december 2026", "dec 2026", "1 de diciembre", "1 декабря";
///   without a year the date is the next one on or after today;
/// - a time alone ("15:00", "3pm"): today if still ahead of `now`, else tomorrow;
/// - next to a day, a bare hour after "at" / "в" / "a las" is a clock time ("tomorrow at
///   10", "завтра в 10", "mañana a las 10"; "at 10 pm" too);
/// - "d.m" without year ("5.12") is a date alone and a time next to a date
///   ("tomorrow 9.30").
///
/// Without a time the moment is 09:00 local (`has_time == false`). Local times that
/// happen twice (DST ends) take the earlier instant; local times that do not exist (DST
/// starts) take the first instant after the gap ("02:30" on a spring-forward night in
/// Berlin is 03:00 CEST). Past moments are returned as they are.
pub fn parse_when(
    input: &str,
    now: DateTime<Utc>,
    tz: Tz,
    order: DateOrder,
) -> Result<When, WhenError> {
    if input.trim().is_empty() {
        return Err(WhenError::Empty);
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(WhenError::Unrecognized);
    }
    let tokens = tokenize(input).ok_or(WhenError::Unrecognized)?;
    let (date_tokens, time) = take_time(&tokens).ok_or(WhenError::Unrecognized)?;
    if date_tokens.is_empty() && time.is_none() {
        return Err(WhenError::Unrecognized);
    }
    let now_local = local_naive(now, tz).ok_or(WhenError::Unrecognized)?;
    let anchor = anchor(&date_tokens, now, now_local, order).ok_or(WhenError::Unrecognized)?;
    settle(anchor, time, now, tz).ok_or(WhenError::Unrecognized)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// today (0), tomorrow (1), the day after tomorrow (2), yesterday (-1).
    DayOffset(i8),
    Tonight,
    Next,
    /// "que viene", "siguiente": a "next" written after its noun.
    NextAfter,
    This,
    /// "in" / "en" (a count must follow) or "через" (count optional: "через час").
    In {
        count_optional: bool,
    },
    /// "a", "an", "un", "una": a count of one after "in".
    One,
    Weekday(Weekday),
    Month(u32),
    Unit(Unit),
    Num {
        value: u32,
        digits: usize,
    },
    Clock {
        hour: u32,
        minute: u32,
    },
    Meridiem {
        pm: bool,
    },
    Noon,
    Iso {
        year: u32,
        month: u32,
        day: u32,
    },
    /// d/m, d/m/yy, d/m/yyyy, d.m.yy, d.m.yyyy.
    DayMonth {
        day: u32,
        month: u32,
        year: Option<u32>,
        /// Written with slashes ("12/31"), which English reads month-first.
        slashed: bool,
    },
    /// "at", "в", "a las": a bare hour after it, next to a day, is a clock time.
    At,
    /// "a.b" without a year: a day.month alone, an hour.minute next to a date.
    Dotted {
        a: u32,
        b: u32,
        b_digits: usize,
    },
}

/// Where the date part of the text puts us, before the clock time is applied.
enum Anchor {
    Day {
        date: NaiveDate,
        default_time: Option<NaiveTime>,
    },
    Instant(DateTime<Utc>),
    /// No date words: only a clock time was given.
    Unanchored,
}

/// Takes the one clock time out of `tokens`; `None` if there are two or one is invalid.
fn take_time(tokens: &[Tok]) -> Option<(Vec<Tok>, Option<NaiveTime>)> {
    let mut rest = Vec::new();
    let mut times = Vec::new();
    let mut remaining = tokens;
    while let [token, tail @ ..] = remaining {
        let meridiem = match tail.first() {
            Some(Tok::Meridiem { pm }) => Some(*pm),
            _ => None,
        };
        remaining = tail;
        match (*token, meridiem) {
            (
                Tok::Clock { hour, minute }
                | Tok::Dotted {
                    a: hour,
                    b: minute,
                    b_digits: 2,
                },
                Some(pm),
            ) => {
                times.push(twelve_hour(hour, minute, pm)?);
                remaining = tail.get(1..)?;
            }
            (
                Tok::Num {
                    value,
                    digits: 1..=2,
                },
                Some(pm),
            ) => {
                times.push(twelve_hour(value, 0, pm)?);
                remaining = tail.get(1..)?;
            }
            (Tok::Clock { hour, minute }, None) => {
                times.push(NaiveTime::from_hms_opt(hour, minute, 0)?)
            }
            (Tok::Noon, None) => times.push(NOON),
            (Tok::Meridiem { .. } | Tok::Noon, _) => return None,
            (other, _) => rest.push(other),
        }
    }
    if times.is_empty() {
        times.extend(dotted_time(&mut rest)?);
    }
    match times.as_slice() {
        [] => Some((rest, None)),
        [time] => Some((rest, Some(*time))),
        _ => None,
    }
}

/// Next to other date words, a lone "a.b" is a time ("tomorrow 9.30"). `None` if it
/// should be a time but is not a valid one.
fn dotted_time(rest: &mut Vec<Tok>) -> Option<Option<NaiveTime>> {
    let dotted: Vec<usize> = (0..rest.len())
        .filter(|&i| matches!(rest.get(i), Some(Tok::Dotted { .. })))
        .collect();
    let [index] = dotted.as_slice() else {
        return Some(None);
    };
    if rest.len() < 2 {
        return Some(None);
    }
    match rest.remove(*index) {
        Tok::Dotted { a, b, b_digits: 2 } => NaiveTime::from_hms_opt(a, b, 0).map(Some),
        _ => None,
    }
}

fn twelve_hour(hour: u32, minute: u32, pm: bool) -> Option<NaiveTime> {
    if !(1..=12).contains(&hour) {
        return None;
    }
    let hour = hour % 12 + if pm { 12 } else { 0 };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// The date part of the text, as a day or an instant. `None` if it matches no shape.
fn anchor(
    tokens: &[Tok],
    now: DateTime<Utc>,
    now_local: NaiveDateTime,
    order: DateOrder,
) -> Option<Anchor> {
    use Tok::{DayOffset, In, Next, NextAfter, Num, One, This, Tonight, Unit as U, Weekday as Wd};
    let today = now_local.date();
    let day = |date: NaiveDate| Anchor::Day {
        date,
        default_time: None,
    };
    Some(match tokens {
        [] => Anchor::Unanchored,
        [DayOffset(offset)] => day(shift_days(today, i64::from(*offset))?),
        [Tonight] => Anchor::Day {
            date: today,
            default_time: Some(EVENING_TIME),
        },
        // One rule for "fri" and "next fri": the next Friday strictly after today.
        [Wd(weekday)] | [This, Wd(weekday)] | [Next, Wd(weekday)] | [Wd(weekday), NextAfter] => {
            day(coming_weekday(today, *weekday)?)
        }
        [Next, U(Unit::Week)] | [U(Unit::Week), NextAfter] => {
            day(weekday_of_next_week(today, Weekday::Mon)?)
        }
        [Next, U(Unit::Month)] | [U(Unit::Month), NextAfter] => {
            day(today.with_day(1)?.checked_add_months(Months::new(1))?)
        }
        [In { .. }, One, U(unit)]
        | [
            In {
                count_optional: true,
            },
            U(unit),
        ] => relative(1, *unit, now, today)?,
        [In { .. }, Num { value, .. }, U(unit)] => relative(*value, *unit, now, today)?,
        _ => day(interim_date(&calendar_phrase(tokens, order)?, now_local)?),
    })
}

fn shift_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(TimeDelta::try_days(days)?)
}

/// The next `weekday` strictly after `today`.
fn coming_weekday(today: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today.checked_add_days(Days::new(u64::from(ahead)))
}

/// `weekday` in the Monday-based week after the one holding `today`.
fn weekday_of_next_week(today: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let to_monday = 7 - today.weekday().num_days_from_monday();
    today.checked_add_days(Days::new(u64::from(
        to_monday + weekday.num_days_from_monday(),
    )))
}

/// "in N units": minutes and hours are exact durations, longer units name a day.
fn relative(count: u32, unit: Unit, now: DateTime<Utc>, today: NaiveDate) -> Option<Anchor> {
    let exact =
        |duration: Option<TimeDelta>| now.checked_add_signed(duration?).map(Anchor::Instant);
    let date = match unit {
        Unit::Minute => return exact(TimeDelta::try_minutes(i64::from(count))),
        Unit::Hour => return exact(TimeDelta::try_hours(i64::from(count))),
        Unit::Day => today.checked_add_days(Days::new(u64::from(count)))?,
        Unit::Week => today.checked_add_days(Days::new(7 * u64::from(count)))?,
        Unit::Month => today.checked_add_months(Months::new(count))?,
    };
    Some(Anchor::Day {
        date,
        default_time: None,
    })
}

/// The calendar-date shapes, as an English phrase for `interim`. Dates without a year
/// get "next", which `interim` reads as "this year, or next year if already past".
fn calendar_phrase(tokens: &[Tok], order: DateOrder) -> Option<String> {
    match *tokens {
        [Tok::Iso { year, month, day }] => Some(format!("{year}-{month}-{day}")),
        [
            Tok::DayMonth {
                day,
                month,
                year,
                slashed,
            },
        ] => {
            // English "12/31": the first number is the month when it can be one.
            let (day, month) = if slashed && order == DateOrder::MonthFirst && day <= 12 {
                (month, day)
            } else {
                (day, month)
            };
            Some(match year {
                Some(year) => format!("{day}/{month}/{year}"),
                None => format!("next {day}/{month}"),
            })
        }
        [Tok::Dotted { a, b, .. }] => Some(format!("next {a}/{b}")),
        _ => month_phrase(tokens),
    }
}

/// "dec", "dec 1", "1 dec", "dec 1 2026", "1 dec 2026", "dec 2026".
fn month_phrase(tokens: &[Tok]) -> Option<String> {
    let (month, numbers) = match tokens {
        [Tok::Month(month), rest @ ..] => (*month, rest.to_vec()),
        [first, Tok::Month(month), rest @ ..] => (*month, [&[*first], rest].concat()),
        _ => return None,
    };
    let name = MONTH_ABBREVIATIONS.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    match numbers.as_slice() {
        [] => Some(format!("next {name}")),
        [number] => match (day_number(number), year_number(number)) {
            (Some(day), _) => Some(format!("next {day} {name}")),
            (_, Some(year)) => Some(format!("1 {name} {year}")),
            _ => None,
        },
        [day, year] => Some(format!(
            "{} {name} {}",
            day_number(day)?,
            year_number(year)?
        )),
        _ => None,
    }
}

fn day_number(token: &Tok) -> Option<u32> {
    match *token {
        Tok::Num {
            value,
            digits: 1..=2,
        } => Some(value),
        _ => None,
    }
}

fn year_number(token: &Tok) -> Option<u32> {
    match *token {
        Tok::Num { value, digits: 4 } => Some(value),
        _ => None,
    }
}

/// Lets `interim` turn a canonical date phrase into a date. The wall clock of `now` is
/// passed as if it were UTC, so relative words use the user's local day; only the date of
/// the answer is used (a non-midnight answer means interim read a time: refused).
fn interim_date(phrase: &str, now_local: NaiveDateTime) -> Option<NaiveDate> {
    let base = Utc.from_utc_datetime(&now_local);
    let parsed = interim::parse_date_string(phrase, base, Dialect::Uk).ok()?;
    (parsed.time() == NaiveTime::MIN).then(|| parsed.date_naive())
}

/// Applies the clock time to the anchor and converts to UTC.
fn settle(anchor: Anchor, time: Option<NaiveTime>, now: DateTime<Utc>, tz: Tz) -> Option<When> {
    let when = |at, has_time| Some(When { at, has_time });
    match (anchor, time) {
        (Anchor::Day { date, .. }, Some(time)) => when(to_utc(tz, date.and_time(time))?, true),
        (Anchor::Day { date, default_time }, None) => {
            let time = default_time.unwrap_or(DEFAULT_TIME);
            when(to_utc(tz, date.and_time(time))?, default_time.is_some())
        }
        (Anchor::Instant(at), None) => when(at, true),
        (Anchor::Instant(_), Some(_)) | (Anchor::Unanchored, None) => None,
        (Anchor::Unanchored, Some(time)) => {
            let today = local_naive(now, tz)?.date();
            let at = to_utc(tz, today.and_time(time))?;
            if at > now {
                when(at, true)
            } else {
                when(to_utc(tz, today.succ_opt()?.and_time(time))?, true)
            }
        }
    }
}

/// The wall clock in `tz` at `at`; `None` at the very edges of chrono's range, where
/// `DateTime::naive_local` would panic.
fn local_naive(at: DateTime<Utc>, tz: Tz) -> Option<NaiveDateTime> {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
    at.naive_utc().checked_add_offset(offset)
}

/// A local wall-clock time in `tz` as UTC: the earlier instant when it happens twice,
/// the first instant after the gap when it does not exist.
fn to_utc(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Some(at.to_utc()),
        LocalResult::Ambiguous(first, second) => Some(first.min(second).to_utc()),
        LocalResult::None => GapInfo::new(&local, &tz)?.end.map(|at| at.to_utc()),
    }
}
