//! Moments in time as salespeople type them. This module owns the whole "text ⇄ instant"
//! edge: [`parse_when`] turns "tomorrow 15:00", "fri", "через 2 часа" or "1.12.2026" into
//! a UTC instant read in the user's zone; [`split_trailing_when`] peels such a date off
//! the end of a `/task` text; [`parse_time_zone`] reads `/timezone` answers;
//! [`format_local`] writes an instant back in the user's zone.
//!
//! How parsing works: the text is lower-cased, Latin accents are folded ("mañana" →
//! "manana"), and every word becomes a token from small English, Russian and Spanish
//! tables; fillers ("at", "on", "by", "due", "в", "на", "до", "el", "a las", "para") are
//! dropped. A clock time ("15:00", "3pm", "3:30 pm", "9.30pm", "noon") is taken out, and
//! what is left must match one of a few fixed shapes (listed on [`parse_when`]).
//! Calendar dates (ISO, day/month[/year], "1 dec", "dec 1, 2026", "1 de diciembre",
//! "1 декабря") are written as a canonical English phrase and handed to `interim` with
//! [`Dialect::Uk`], so numeric dates are day-first: "1/12" and "1.12.2026" are
//! 1 December. US month-first dates ("12/1") are therefore not supported. Only those
//! canonical phrases reach `interim`, never the user's text: interim 0.2.2 panics on some
//! raw inputs ("2026-12-01 9AM", a long word after an hour).
//!
//! The grammar is strict on purpose: anything outside the shapes is
//! [`WhenError::Unrecognized`], so that `split_trailing_when` does not turn
//! "send offers to 5" into a date.

use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::{GapInfo, TZ_VARIANTS, Tz};
use interim::Dialect;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

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
///   "próximo viernes" / "viernes que viene" is that day in next (Monday-based) week;
/// - `next week` / `на следующей неделе` / `la semana que viene`: Monday of next week;
///   `next month`: the 1st of next month;
/// - `in N minutes|hours` (exact duration from `now`), `in N days|weeks|months` (a day);
///   also "in an hour", "in 2h", "через 2 часа", "через час", "en 3 días";
/// - dates: "2026-12-01", "1/12/2026", "1/12/26", "1.12.2026", "1/12", "dec 1", "1 dec",
///   "dec 1, 2026", "1 december 2026", "dec 2026", "1 de diciembre", "1 декабря";
///   without a year the date is the next one on or after today;
/// - a time alone ("15:00", "3pm"): today if still ahead of `now`, else tomorrow;
/// - "d.m" without year ("5.12") is a date alone and a time next to a date
///   ("tomorrow 9.30").
///
/// Without a time the moment is 09:00 local (`has_time == false`). Local times that
/// happen twice (DST ends) take the earlier instant; local times that do not exist (DST
/// starts) take the first instant after the gap ("02:30" on a spring-forward night in
/// Berlin is 03:00 CEST). Past moments are returned as they are.
pub fn parse_when(input: &str, now: DateTime<Utc>, tz: Tz) -> Result<When, WhenError> {
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
    let anchor = anchor(&date_tokens, now, now_local).ok_or(WhenError::Unrecognized)?;
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
    },
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

fn tokenize(input: &str) -> Option<Vec<Tok>> {
    let folded = fold(input);
    let words: Vec<&str> = folded
        .split_whitespace()
        .map(clean_word)
        .filter(|word| !word.is_empty())
        .collect();
    let mut tokens = Vec::new();
    let mut rest = words.as_slice();
    while let [word, tail @ ..] = rest {
        if let Some((phrase, after)) = tail
            .split_first()
            .and_then(|(second, after)| two_word_phrase(word, second).map(|phrase| (phrase, after)))
        {
            tokens.extend(phrase);
            rest = after;
            continue;
        }
        word_tokens(word, &mut tokens)?;
        rest = tail;
    }
    Some(tokens)
}

/// Lower case with Latin accents removed ("Mañana" → "manana"); Cyrillic letters such
/// as "й" and "ё" are kept as they are.
fn fold(text: &str) -> String {
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

fn clean_word(word: &str) -> &str {
    word.trim_start_matches(['(', '"', '\'', '«', '@'])
        .trim_end_matches([',', ';', '!', '?', '.', ')', '"', '\'', '»'])
}

/// Two-word phrases; `Some(None)` is a filler phrase.
fn two_word_phrase(first: &str, second: &str) -> Option<Option<Tok>> {
    Some(match (first, second) {
        ("pasado", "manana") => Some(Tok::DayOffset(2)),
        ("esta", "noche") | ("сегодня", "вечером") => Some(Tok::Tonight),
        ("que", "viene") => Some(Tok::NextAfter),
        ("a", "las" | "la") => None,
        _ => return None,
    })
}

fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "" | "at"
            | "on"
            | "by"
            | "due"
            | "@"
            | "в"
            | "во"
            | "на"
            | "до"
            | "к"
            | "ко"
            | "el"
            | "la"
            | "las"
            | "de"
            | "del"
            | "para"
    )
}

fn word_tokens(word: &str, out: &mut Vec<Tok>) -> Option<()> {
    if is_filler(word) {
        return Some(());
    }
    if let Some(token) = dictionary(word) {
        out.push(token);
        return Some(());
    }
    if let Some((clock, pm)) = strip_meridiem(word) {
        let (hour, minute) = hour_minute(clock, ':').or_else(|| hour_minute(clock, '.'))?;
        out.extend([Tok::Clock { hour, minute }, Tok::Meridiem { pm }]);
        return Some(());
    }
    out.extend(shaped_tokens(word)?);
    Some(())
}

/// Tokens of a word with digits: times, dates, numbers and "2h"-style counts.
fn shaped_tokens(word: &str) -> Option<Vec<Tok>> {
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
    match (number(count)?, dictionary(unit)?) {
        (count, unit @ Tok::Unit(_)) => Some(vec![count, unit]),
        _ => None,
    }
}

fn strip_meridiem(word: &str) -> Option<(&str, bool)> {
    ["am", "a.m", "pm", "p.m"].iter().find_map(|suffix| {
        let rest = word.strip_suffix(suffix)?;
        (!rest.is_empty()).then_some((rest, suffix.starts_with('p')))
    })
}

fn digits(text: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    if ok { text.parse().ok() } else { None }
}

fn number(text: &str) -> Option<Tok> {
    let value = digits(text, 1, 4)?;
    Some(Tok::Num {
        value,
        digits: text.len(),
    })
}

/// "9", "9:30", "09:30" (or with `.`); minutes need two digits.
fn hour_minute(text: &str, separator: char) -> Option<(u32, u32)> {
    match text.split_once(separator) {
        Some((hour, minute)) => Some((digits(hour, 1, 2)?, digits(minute, 2, 2)?)),
        None => Some((digits(text, 1, 2)?, 0)),
    }
}

fn iso_date(word: &str) -> Option<Tok> {
    let mut parts = word.split('-');
    let token = Tok::Iso {
        year: digits(parts.next()?, 4, 4)?,
        month: digits(parts.next()?, 1, 2)?,
        day: digits(parts.next()?, 1, 2)?,
    };
    parts.next().is_none().then_some(token)
}

fn day_month(word: &str, separator: char) -> Option<Tok> {
    let mut parts = word.split(separator);
    let day = digits(parts.next()?, 1, 2)?;
    let month = digits(parts.next()?, 1, 2)?;
    let year = match parts.next() {
        None => None,
        Some(year) if year.len() == 2 || year.len() == 4 => Some(digits(year, 2, 4)?),
        Some(_) => return None,
    };
    parts
        .next()
        .is_none()
        .then_some(Tok::DayMonth { day, month, year })
}

fn dotted(word: &str) -> Option<Tok> {
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

/// The word tables. Spanish words are written without accents (see [`fold`]).
fn dictionary(word: &str) -> Option<Tok> {
    use Tok::{DayOffset, In, Meridiem, Next, NextAfter, One, This, Tonight};
    Some(match word {
        "today" | "сегодня" | "hoy" => DayOffset(0),
        "tomorrow" | "tmrw" | "завтра" | "manana" => DayOffset(1),
        "послезавтра" => DayOffset(2),
        "yesterday" | "вчера" | "ayer" => DayOffset(-1),
        "tonight" => Tonight,
        "next"
        | "следующий"
        | "следующая"
        | "следующее"
        | "следующую"
        | "следующей"
        | "следующем"
        | "следующего"
        | "proximo"
        | "proxima" => Next,
        "siguiente" => NextAfter,
        "this" | "этот" | "эта" | "эту" | "этой" | "это" | "este" | "esta" => This,
        "in" | "en" => In {
            count_optional: false,
        },
        "через" => In {
            count_optional: true,
        },
        "a" | "an" | "un" | "una" | "один" | "одну" => One,
        "am" | "a.m" => Meridiem { pm: false },
        "pm" | "p.m" => Meridiem { pm: true },
        "noon" | "midday" | "полдень" | "mediodia" => Tok::Noon,
        _ => {
            return weekday_word(word)
                .map(Tok::Weekday)
                .or_else(|| month_word(word).map(Tok::Month))
                .or_else(|| unit_word(word).map(Tok::Unit));
        }
    })
}

fn weekday_word(word: &str) -> Option<Weekday> {
    use Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    Some(match word {
        "mon" | "monday" | "пн" | "понедельник" | "понедельника" | "понедельнику" | "lunes" => {
            Mon
        }
        "tue" | "tues" | "tuesday" | "вт" | "вторник" | "вторника" | "вторнику" | "martes" => {
            Tue
        }
        "wed" | "wednesday" | "ср" | "среда" | "среду" | "среды" | "среде" | "miercoles" => {
            Wed
        }
        "thu" | "thur" | "thurs" | "thursday" | "чт" | "четверг" | "четверга" | "четвергу"
        | "jueves" => Thu,
        "fri" | "friday" | "пт" | "пятница" | "пятницу" | "пятницы" | "пятнице" | "viernes" => {
            Fri
        }
        "sat" | "saturday" | "сб" | "суббота" | "субботу" | "субботы" | "субботе" | "sabado" => {
            Sat
        }
        "sun" | "sunday" | "вс" | "воскресенье" | "воскресенья" | "воскресенью" | "domingo" => {
            Sun
        }
        _ => return None,
    })
}

fn month_word(word: &str) -> Option<u32> {
    Some(match word {
        "jan" | "january" | "январь" | "января" | "enero" => 1,
        "feb" | "february" | "февраль" | "февраля" | "febrero" => 2,
        "mar" | "march" | "март" | "марта" | "marzo" => 3,
        "apr" | "april" | "апрель" | "апреля" | "abril" => 4,
        "may" | "май" | "мая" | "mayo" => 5,
        "jun" | "june" | "июнь" | "июня" | "junio" => 6,
        "jul" | "july" | "июль" | "июля" | "julio" => 7,
        "aug" | "august" | "август" | "августа" | "agosto" => 8,
        "sep" | "sept" | "september" | "сентябрь" | "сентября" | "septiembre" | "setiembre" => {
            9
        }
        "oct" | "october" | "октябрь" | "октября" | "octubre" => 10,
        "nov" | "november" | "ноябрь" | "ноября" | "noviembre" => 11,
        "dec" | "december" | "декабрь" | "декабря" | "diciembre" => 12,
        _ => return None,
    })
}

fn unit_word(word: &str) -> Option<Unit> {
    Some(match word {
        "m" | "min" | "mins" | "minute" | "minutes" | "мин" | "минута" | "минуту" | "минуты"
        | "минут" | "minuto" | "minutos" => Unit::Minute,
        "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "час" | "часа" | "часов" | "hora"
        | "horas" => Unit::Hour,
        "d" | "day" | "days" | "день" | "дня" | "дней" | "dia" | "dias" => Unit::Day,
        "w" | "wk" | "week" | "weeks" | "неделя" | "неделю" | "недели" | "неделе" | "недель"
        | "semana" | "semanas" => Unit::Week,
        "month" | "months" | "месяц" | "месяца" | "месяцев" | "mes" | "meses" => {
            Unit::Month
        }
        _ => return None,
    })
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
fn anchor(tokens: &[Tok], now: DateTime<Utc>, now_local: NaiveDateTime) -> Option<Anchor> {
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
        [Wd(weekday)] | [This, Wd(weekday)] => day(coming_weekday(today, *weekday)?),
        [Next, Wd(weekday)] | [Wd(weekday), NextAfter] => {
            day(weekday_of_next_week(today, *weekday)?)
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
        _ => day(interim_date(&calendar_phrase(tokens)?, now_local)?),
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
fn calendar_phrase(tokens: &[Tok]) -> Option<String> {
    match *tokens {
        [Tok::Iso { year, month, day }] => Some(format!("{year}-{month}-{day}")),
        [Tok::DayMonth { day, month, year }] => Some(match year {
            Some(year) => format!("{day}/{month}/{year}"),
            None => format!("next {day}/{month}"),
        }),
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
/// day/month without year ("2.5", "1/2") is not taken either unless a marker precedes
/// it ("до 5.12", "due 1/12").
pub fn split_trailing_when(text: &str, now: DateTime<Utc>, tz: Tz) -> (String, Option<When>) {
    let unchanged = || (text.to_string(), None);
    if parse_when(text, now, tz).is_ok() {
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
        let Ok(when) = parse_when(tail, now, tz) else {
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

fn word_starts(text: &str) -> Vec<usize> {
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
/// "sun", "2.5", "1/2". With a marker ("до 5.12") or more words they are dates.
fn is_ambiguous_word(word: &str) -> bool {
    let folded = fold(word);
    if matches!(clean_word(folded.trim()), "sat" | "sun" | "wed") {
        return true;
    }
    matches!(
        tokenize(word).as_deref(),
        Some([Tok::Month(_) | Tok::Dotted { .. } | Tok::DayMonth { year: None, .. }])
    )
}

/// Drops trailing words that carry no meaning of their own ("due", "at", "до", "el").
fn strip_trailing_fillers(body: &str) -> &str {
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

// ---------------------------------------------------------------------------------------
// parse_time_zone
// ---------------------------------------------------------------------------------------

/// Reads a `/timezone` answer:
/// - IANA names, any case: "europe/berlin", "America/New_York", "UTC", "GMT", "CET";
/// - UTC offsets: "+3", "UTC+3", "GMT-5", "+03:00", "+0300". Whole hours map to the
///   `Etc/GMT∓N` zones (whose sign is inverted: UTC+3 is `Etc/GMT-3`), from UTC-12 to
///   UTC+14. Other offsets map to the zone best known for that standard offset ("+05:30"
///   → Asia/Kolkata, "+05:45" → Asia/Kathmandu, "-03:30" → America/St_Johns, …) and
///   are `None` otherwise;
/// - city names without region, with spaces: "berlin", "new york", "buenos aires"
///   (the last segment of an IANA name), plus a few aliases ("kiev", "москва", "nyc").
pub fn parse_time_zone(input: &str) -> Option<Tz> {
    let input = input.trim();
    if input.is_empty() || input.len() > 64 {
        return None;
    }
    iana_zone(input)
        .or_else(|| offset_zone(input))
        .or_else(|| city_zone(input))
}

fn iana_zone(name: &str) -> Option<Tz> {
    Tz::from_str(name).ok().or_else(|| {
        TZ_VARIANTS
            .iter()
            .copied()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
    })
}

fn offset_zone(input: &str) -> Option<Tz> {
    let lower = input.to_ascii_lowercase();
    let rest = ["utc", "gmt"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(&lower)
        .trim_start();
    let (negative, amount) = if let Some(amount) = rest.strip_prefix('+') {
        (false, amount)
    } else {
        (true, rest.strip_prefix(['-', '−'])?)
    };
    let (hours, minutes) = offset_amount(amount.trim())?;
    if minutes == 0 {
        return whole_hour_zone(negative, hours);
    }
    half_hour_zone(negative, hours, minutes)
}

/// "3", "03", "3:30", "03:30", "0330" → (hours, minutes).
fn offset_amount(text: &str) -> Option<(u32, u32)> {
    if let Some((hours, minutes)) = text.split_once(':') {
        return Some((digits(hours, 1, 2)?, digits(minutes, 2, 2)?));
    }
    match text.len() {
        1 | 2 => Some((digits(text, 1, 2)?, 0)),
        3 | 4 => {
            let split = text.len() - 2;
            Some((
                digits(text.get(..split)?, 1, 2)?,
                digits(text.get(split..)?, 2, 2)?,
            ))
        }
        _ => None,
    }
}

fn whole_hour_zone(negative: bool, hours: u32) -> Option<Tz> {
    match (negative, hours) {
        (_, 0) => Some(Tz::UTC),
        (false, 1..=14) => Tz::from_str(&format!("Etc/GMT-{hours}")).ok(),
        (true, 1..=12) => Tz::from_str(&format!("Etc/GMT+{hours}")).ok(),
        _ => None,
    }
}

fn half_hour_zone(negative: bool, hours: u32, minutes: u32) -> Option<Tz> {
    use chrono_tz::{America, Asia, Australia, Pacific};
    Some(match (negative, hours, minutes) {
        (false, 3, 30) => Asia::Tehran,
        (false, 4, 30) => Asia::Kabul,
        (false, 5, 30) => Asia::Kolkata,
        (false, 5, 45) => Asia::Kathmandu,
        (false, 6, 30) => Asia::Yangon,
        (false, 8, 45) => Australia::Eucla,
        (false, 9, 30) => Australia::Darwin,
        (false, 10, 30) => Australia::Lord_Howe,
        (false, 12, 45) => Pacific::Chatham,
        (true, 3, 30) => America::St_Johns,
        (true, 9, 30) => Pacific::Marquesas,
        _ => return None,
    })
}

fn city_zone(input: &str) -> Option<Tz> {
    let key = fold(input).split_whitespace().collect::<Vec<_>>().join("_");
    if let Some(tz) = city_alias(&key) {
        return Some(tz);
    }
    // Among links with the same city ("America/Buenos_Aires",
    // "America/Argentina/Buenos_Aires") the longest name is the canonical one.
    TZ_VARIANTS
        .iter()
        .copied()
        .filter(|tz| {
            tz.name()
                .rsplit_once('/')
                .is_some_and(|(_, city)| city.eq_ignore_ascii_case(&key))
        })
        .max_by_key(|tz| tz.name().len())
}

fn city_alias(key: &str) -> Option<Tz> {
    use chrono_tz::{America, Europe};
    Some(match key {
        "kiev" | "киев" | "київ" => Europe::Kyiv,
        "москва" | "санкт-петербург" | "st_petersburg" | "saint_petersburg" => {
            Europe::Moscow
        }
        "берлин" => Europe::Berlin,
        "лондон" | "londres" => Europe::London,
        "мадрид" => Europe::Madrid,
        "nyc" | "нью-йорк" | "nueva_york" => America::New_York,
        "cdmx" | "ciudad_de_mexico" | "мехико" => America::Mexico_City,
        "буэнос-айрес" => America::Argentina::Buenos_Aires,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// format_local
// ---------------------------------------------------------------------------------------

/// `at` in the user's zone, short, in `lang` ("en", "ru", "es"; anything else is English):
/// "today at 15:00" / "сегодня в 15:00" / "hoy a las 15:00" (but "a la 01:00"),
/// likewise tomorrow and yesterday;
/// "Fri 4 Dec 15:00" / "пт 04.12 15:00" / "vie 04/12 15:00" within the current year;
/// "2027-01-03 10:00" in another year.
///
/// Instants at the very edges of chrono's range, which have no local time, are written
/// in UTC ("+262142-12-31 23:59 UTC").
pub fn format_local(at: DateTime<Utc>, tz: Tz, now: DateTime<Utc>, lang: &str) -> String {
    let Some(local) = local_naive(at, tz) else {
        return at.format("%Y-%m-%d %H:%M UTC").to_string();
    };
    let date = local.date();
    let clock = local.format("%H:%M");
    let language = Language::from_code(lang);
    let today = local_naive(now, tz).map(|now| now.date());
    if let Some(word) = today.and_then(|today| language.relative_day(date, today)) {
        let at = language.at_hour(local.hour());
        return format!("{word} {at} {clock}");
    }
    if today.is_none_or(|today| date.year() != today.year()) {
        return local.format("%Y-%m-%d %H:%M").to_string();
    }
    let weekday = language.weekday(date.weekday());
    match language {
        Language::En => format!("{weekday} {} {clock}", local.format("%-d %b")),
        Language::Ru => format!("{weekday} {} {clock}", local.format("%d.%m")),
        Language::Es => format!("{weekday} {} {clock}", local.format("%d/%m")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    En,
    Ru,
    Es,
}

impl Language {
    fn from_code(code: &str) -> Self {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("ru") {
            Self::Ru
        } else if code.starts_with("es") {
            Self::Es
        } else {
            Self::En
        }
    }

    fn relative_day(self, date: NaiveDate, today: NaiveDate) -> Option<&'static str> {
        let index = [today.pred_opt(), Some(today), today.succ_opt()]
            .iter()
            .position(|day| *day == Some(date))?;
        let words = match self {
            Self::En => ["yesterday", "today", "tomorrow"],
            Self::Ru => ["вчера", "сегодня", "завтра"],
            Self::Es => ["ayer", "hoy", "mañana"],
        };
        words.get(index).copied()
    }

    /// The word that joins a day and a clock time: "at", "в", "a las" ("a la" at one).
    fn at_hour(self, hour: u32) -> &'static str {
        match self {
            Self::En => "at",
            Self::Ru => "в",
            Self::Es if hour == 1 => "a la",
            Self::Es => "a las",
        }
    }

    fn weekday(self, weekday: Weekday) -> &'static str {
        let names = match self {
            Self::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            Self::Ru => ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
            Self::Es => ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
        };
        let index = usize::try_from(weekday.num_days_from_monday()).unwrap_or_default();
        names.get(index).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Asia, Europe, Pacific};

    /// Friday 2026-11-27 10:00 UTC.
    fn now() -> DateTime<Utc> {
        utc(2026, 11, 27, 10, 0)
    }

    fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
            .single()
            .unwrap_or_else(|| panic!("bad test instant {year}-{month}-{day}"))
    }

    fn at(at: DateTime<Utc>, has_time: bool) -> Result<When, WhenError> {
        Ok(When { at, has_time })
    }

    /// Each case: input, expected UTC instant, expected `has_time`.
    fn check(tz: Tz, now: DateTime<Utc>, cases: &[(&str, DateTime<Utc>, bool)]) {
        for (input, expected, has_time) in cases {
            assert_eq!(
                parse_when(input, now, tz),
                at(*expected, *has_time),
                "{input:?} in {tz}"
            );
        }
    }

    #[test]
    fn english_in_utc() {
        check(
            Tz::UTC,
            now(),
            &[
                ("tomorrow 15:00", utc(2026, 11, 28, 15, 0), true),
                ("tomorrow 3pm", utc(2026, 11, 28, 15, 0), true),
                ("Tomorrow at 3 PM", utc(2026, 11, 28, 15, 0), true),
                ("tomorrow 3:30 p.m.", utc(2026, 11, 28, 15, 30), true),
                ("tomorrow 9.30", utc(2026, 11, 28, 9, 30), true),
                ("today 17:30", utc(2026, 11, 27, 17, 30), true),
                ("yesterday", utc(2026, 11, 26, 9, 0), false),
                ("fri", utc(2026, 12, 4, 9, 0), false),
                ("friday", utc(2026, 12, 4, 9, 0), false),
                ("Friday.", utc(2026, 12, 4, 9, 0), false),
                ("next friday", utc(2026, 12, 4, 9, 0), false),
                ("wed", utc(2026, 12, 2, 9, 0), false),
                ("mon 9am", utc(2026, 11, 30, 9, 0), true),
                ("on monday at 12am", utc(2026, 11, 30, 0, 0), true),
                ("next week", utc(2026, 11, 30, 9, 0), false),
                ("next week 14:00", utc(2026, 11, 30, 14, 0), true),
                ("next month", utc(2026, 12, 1, 9, 0), false),
                ("in 2 hours", utc(2026, 11, 27, 12, 0), true),
                ("in 2h", utc(2026, 11, 27, 12, 0), true),
                ("in an hour", utc(2026, 11, 27, 11, 0), true),
                ("in 45 min", utc(2026, 11, 27, 10, 45), true),
                ("in 3 days", utc(2026, 11, 30, 9, 0), false),
                ("in 3 days 15:00", utc(2026, 11, 30, 15, 0), true),
                ("in 2 weeks", utc(2026, 12, 11, 9, 0), false),
                ("in 1 month", utc(2026, 12, 27, 9, 0), false),
                ("2026-12-01", utc(2026, 12, 1, 9, 0), false),
                ("2026-12-01 9am", utc(2026, 12, 1, 9, 0), true),
                // Raw, these two make interim 0.2.2 panic.
                ("2026-12-01 9AM", utc(2026, 12, 1, 9, 0), true),
                ("2026-12-01 9PM", utc(2026, 12, 1, 21, 0), true),
                ("2026-12-01 09:30", utc(2026, 12, 1, 9, 30), true),
                ("1.12.2026", utc(2026, 12, 1, 9, 0), false),
                ("1.12.26 18:00", utc(2026, 12, 1, 18, 0), true),
                ("1/12/2026", utc(2026, 12, 1, 9, 0), false),
                ("1/12", utc(2026, 12, 1, 9, 0), false),
                ("5.12", utc(2026, 12, 5, 9, 0), false),
                ("dec 1", utc(2026, 12, 1, 9, 0), false),
                ("1 dec", utc(2026, 12, 1, 9, 0), false),
                ("December 1, 2026 3pm", utc(2026, 12, 1, 15, 0), true),
                ("1 december 2027", utc(2027, 12, 1, 9, 0), false),
                ("jan 2027", utc(2027, 1, 1, 9, 0), false),
                // Without a year a date is the next one on or after today.
                ("nov 1", utc(2027, 11, 1, 9, 0), false),
                ("1/11", utc(2027, 11, 1, 9, 0), false),
                ("nov 27", utc(2026, 11, 27, 9, 0), false),
                ("15:00", utc(2026, 11, 27, 15, 0), true),
                ("3pm", utc(2026, 11, 27, 15, 0), true),
                ("09:00", utc(2026, 11, 28, 9, 0), true),
                ("10:00", utc(2026, 11, 28, 10, 0), true),
                ("noon", utc(2026, 11, 27, 12, 0), true),
                ("12pm", utc(2026, 11, 27, 12, 0), true),
                ("tonight", utc(2026, 11, 27, 20, 0), true),
                ("tonight 9pm", utc(2026, 11, 27, 21, 0), true),
            ],
        );
    }

    #[test]
    fn russian_in_utc() {
        check(
            Tz::UTC,
            now(),
            &[
                ("завтра 15:00", utc(2026, 11, 28, 15, 0), true),
                ("Завтра в 15:00", utc(2026, 11, 28, 15, 0), true),
                ("сегодня", utc(2026, 11, 27, 9, 0), false),
                ("послезавтра", utc(2026, 11, 29, 9, 0), false),
                ("сегодня вечером", utc(2026, 11, 27, 20, 0), true),
                ("пт", utc(2026, 12, 4, 9, 0), false),
                ("в понедельник", utc(2026, 11, 30, 9, 0), false),
                ("до пятницы", utc(2026, 12, 4, 9, 0), false),
                ("в следующую среду", utc(2026, 12, 2, 9, 0), false),
                ("Воскресенье 10:00", utc(2026, 11, 29, 10, 0), true),
                ("через 2 часа", utc(2026, 11, 27, 12, 0), true),
                ("через час", utc(2026, 11, 27, 11, 0), true),
                ("через 3 дня", utc(2026, 11, 30, 9, 0), false),
                ("через неделю", utc(2026, 12, 4, 9, 0), false),
                ("на следующей неделе", utc(2026, 11, 30, 9, 0), false),
                ("1 декабря", utc(2026, 12, 1, 9, 0), false),
                ("1 декабря 2027 в 10:00", utc(2027, 12, 1, 10, 0), true),
                ("в полдень", utc(2026, 11, 27, 12, 0), true),
            ],
        );
    }

    #[test]
    fn spanish_in_utc() {
        check(
            Tz::UTC,
            now(),
            &[
                ("mañana 15:00", utc(2026, 11, 28, 15, 0), true),
                ("Mañana a las 15:00", utc(2026, 11, 28, 15, 0), true),
                ("manana a las 3pm", utc(2026, 11, 28, 15, 0), true),
                ("hoy 17:30", utc(2026, 11, 27, 17, 30), true),
                ("pasado mañana", utc(2026, 11, 29, 9, 0), false),
                ("esta noche", utc(2026, 11, 27, 20, 0), true),
                ("lunes", utc(2026, 11, 30, 9, 0), false),
                ("el miércoles", utc(2026, 12, 2, 9, 0), false),
                ("sábado", utc(2026, 11, 28, 9, 0), false),
                ("el próximo viernes", utc(2026, 12, 4, 9, 0), false),
                ("el viernes que viene", utc(2026, 12, 4, 9, 0), false),
                ("la semana que viene", utc(2026, 11, 30, 9, 0), false),
                ("en 2 horas", utc(2026, 11, 27, 12, 0), true),
                ("en una hora", utc(2026, 11, 27, 11, 0), true),
                ("en 3 días", utc(2026, 11, 30, 9, 0), false),
                ("1 de diciembre", utc(2026, 12, 1, 9, 0), false),
                (
                    "para el 1 de diciembre de 2026",
                    utc(2026, 12, 1, 9, 0),
                    false,
                ),
            ],
        );
    }

    #[test]
    fn weekdays_from_a_wednesday() {
        let wednesday = utc(2026, 11, 25, 10, 0);
        check(
            Tz::UTC,
            wednesday,
            &[
                ("fri", utc(2026, 11, 27, 9, 0), false),
                ("next fri", utc(2026, 12, 4, 9, 0), false),
                ("this fri", utc(2026, 11, 27, 9, 0), false),
                ("wed 15:00", utc(2026, 12, 2, 15, 0), true),
                ("next wed", utc(2026, 12, 2, 9, 0), false),
                ("tue", utc(2026, 12, 1, 9, 0), false),
                ("next tue", utc(2026, 12, 1, 9, 0), false),
            ],
        );
    }

    #[test]
    fn berlin() {
        // Local now: Friday 11:00 CET (UTC+1).
        check(
            Europe::Berlin,
            now(),
            &[
                ("tomorrow 15:00", utc(2026, 11, 28, 14, 0), true),
                ("15:00", utc(2026, 11, 27, 14, 0), true),
                ("09:00", utc(2026, 11, 28, 8, 0), true),
                ("fri", utc(2026, 12, 4, 8, 0), false),
                ("2026-12-01", utc(2026, 12, 1, 8, 0), false),
                ("in 2 hours", utc(2026, 11, 27, 12, 0), true),
                ("next week", utc(2026, 11, 30, 8, 0), false),
            ],
        );
    }

    #[test]
    fn new_york() {
        // Local now: Friday 05:00 EST (UTC-5).
        check(
            America::New_York,
            now(),
            &[
                ("today 17:30", utc(2026, 11, 27, 22, 30), true),
                ("tomorrow 3pm", utc(2026, 11, 28, 20, 0), true),
                ("9am", utc(2026, 11, 27, 14, 0), true),
                ("fri", utc(2026, 12, 4, 14, 0), false),
                ("dec 1", utc(2026, 12, 1, 14, 0), false),
            ],
        );
    }

    #[test]
    fn kolkata() {
        // Local now: Friday 15:30 IST (UTC+5:30).
        check(
            Asia::Kolkata,
            now(),
            &[
                ("tomorrow 15:00", utc(2026, 11, 28, 9, 30), true),
                ("15:00", utc(2026, 11, 28, 9, 30), true),
                ("tonight", utc(2026, 11, 27, 14, 30), true),
                ("mon 9am", utc(2026, 11, 30, 3, 30), true),
                ("1.12.2026", utc(2026, 12, 1, 3, 30), false),
            ],
        );
    }

    #[test]
    fn local_day_differs_from_utc_day() {
        // Auckland: it is already Friday 23:00 NZDT (UTC+13) when UTC says 10:00.
        check(
            Pacific::Auckland,
            now(),
            &[
                ("today", utc(2026, 11, 26, 20, 0), false),
                ("tomorrow", utc(2026, 11, 27, 20, 0), false),
                ("sat", utc(2026, 11, 27, 20, 0), false),
                ("10:00", utc(2026, 11, 27, 21, 0), true),
            ],
        );
    }

    #[test]
    fn dst_gaps_and_folds() {
        // Saturday before Europe springs forward (2027-03-28 02:00 CET → 03:00 CEST).
        let before_spring = utc(2027, 3, 27, 10, 0);
        check(
            Europe::Berlin,
            before_spring,
            &[
                // 02:30 does not exist: the first instant after the gap, 03:00 CEST.
                ("tomorrow 02:30", utc(2027, 3, 28, 1, 0), true),
                ("2027-03-28 02:30", utc(2027, 3, 28, 1, 0), true),
                ("tomorrow 01:30", utc(2027, 3, 28, 0, 30), true),
                ("tomorrow 03:30", utc(2027, 3, 28, 1, 30), true),
                ("tomorrow", utc(2027, 3, 28, 7, 0), false),
                // 02:30 on 2027-10-31 happens twice: the earlier one, still CEST.
                ("2027-10-31 02:30", utc(2027, 10, 31, 0, 30), true),
                ("2027-10-31 03:30", utc(2027, 10, 31, 2, 30), true),
            ],
        );
        // Hours are exact durations across the gap: 01:30 CET + 2h = 04:30 CEST.
        check(
            Europe::Berlin,
            utc(2027, 3, 28, 0, 30),
            &[("in 2 hours", utc(2027, 3, 28, 2, 30), true)],
        );
        // New York springs forward 2027-03-14; now is Friday 2027-03-12 10:00 EST.
        check(
            America::New_York,
            utc(2027, 3, 12, 15, 0),
            &[
                ("2027-03-14 02:30", utc(2027, 3, 14, 7, 0), true),
                ("in 3 days", utc(2027, 3, 15, 13, 0), false),
                ("fri", utc(2027, 3, 19, 13, 0), false),
                ("sun 9am", utc(2027, 3, 14, 13, 0), true),
            ],
        );
    }

    /// Longer input is refused before it is read (a bound on the work per message), even
    /// when it would parse; 200 bytes are still read.
    #[test]
    fn reads_at_most_200_bytes() {
        let padded = |n: usize| format!("tomorrow{}", " ".repeat(n - "tomorrow".len()));
        assert_eq!(
            parse_when(&padded(MAX_INPUT_BYTES), now(), Tz::UTC).map(|w| w.at),
            Ok(utc(2026, 11, 28, 9, 0))
        );
        assert_eq!(
            parse_when(&padded(MAX_INPUT_BYTES + 1), now(), Tz::UTC).map(|w| w.at),
            Err(WhenError::Unrecognized)
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for input in ["", "   ", "\n\t"] {
            assert_eq!(parse_when(input, now(), Tz::UTC), Err(WhenError::Empty));
        }
        let long = "x".repeat(5000);
        for input in [
            "32.13.2026",
            "31.02.2026",
            "2026-02-30",
            "25:99",
            "24:00",
            "13pm",
            "0am",
            "in",
            "in 2",
            "in hours",
            "3 days",
            "5",
            "2",
            "2026",
            "1.5 tomorrow",
            "at",
            "due",
            "hello",
            "call Anna tomorrow",
            "tomorrow friday",
            "in 2 hours 15:00",
            "15:00 16:00",
            "pm",
            "tomorrow pm",
            "🙂",
            "завтра 🙂",
            "9aaaaaaaaaaaaaaaaaaaaaaaaam",
            "2026-12-01 9aaaaaaaaaaaaaaaaaaaa",
            "2026-12-01T09:30",
            long.as_str(),
        ] {
            assert_eq!(
                parse_when(input, now(), Tz::UTC),
                Err(WhenError::Unrecognized),
                "{input:?}"
            );
        }
    }

    #[test]
    fn extreme_nows_do_not_panic() {
        let max = DateTime::<Utc>::MAX_UTC;
        assert_eq!(
            parse_when("in 3 days", max, Asia::Kolkata),
            Err(WhenError::Unrecognized)
        );
        assert_eq!(
            parse_when("in 2 hours", max, Tz::UTC),
            Err(WhenError::Unrecognized)
        );
        let min = DateTime::<Utc>::MIN_UTC;
        assert_eq!(
            parse_when("yesterday", min, America::New_York),
            Err(WhenError::Unrecognized)
        );
    }

    #[test]
    fn splits_trailing_dates() {
        let cases: &[(&str, &str, DateTime<Utc>, bool)] = &[
            (
                "call Anna tomorrow 15:00",
                "call Anna",
                utc(2026, 11, 28, 15, 0),
                true,
            ),
            (
                "call Anna due fri",
                "call Anna",
                utc(2026, 12, 4, 9, 0),
                false,
            ),
            (
                "call Anna at 3pm",
                "call Anna",
                utc(2026, 11, 27, 15, 0),
                true,
            ),
            (
                "follow up in 3 days",
                "follow up",
                utc(2026, 11, 30, 9, 0),
                false,
            ),
            (
                "send offer by 2026-12-01 09:30",
                "send offer",
                utc(2026, 12, 1, 9, 30),
                true,
            ),
            (
                "meet  Bob   next week",
                "meet  Bob",
                utc(2026, 11, 30, 9, 0),
                false,
            ),
            (
                "позвонить Анне до пятницы",
                "позвонить Анне",
                utc(2026, 12, 4, 9, 0),
                false,
            ),
            (
                "позвонить Анне завтра в 15:00",
                "позвонить Анне",
                utc(2026, 11, 28, 15, 0),
                true,
            ),
            (
                "call Anna до 5.12",
                "call Anna",
                utc(2026, 12, 5, 9, 0),
                false,
            ),
            (
                "llamar a Ana mañana",
                "llamar a Ana",
                utc(2026, 11, 28, 9, 0),
                false,
            ),
            // The date is six words; the five-word window leaves "el", which is dropped.
            (
                "llamar a Ana el próximo viernes a las 15:00",
                "llamar a Ana",
                utc(2026, 12, 4, 15, 0),
                true,
            ),
        ];
        for (text, body, expected, has_time) in cases {
            assert_eq!(
                split_trailing_when(text, now(), Tz::UTC),
                (
                    body.to_string(),
                    Some(When {
                        at: *expected,
                        has_time: *has_time
                    })
                ),
                "{text:?}"
            );
        }
    }

    #[test]
    fn split_keeps_texts_without_a_trailing_date() {
        for text in [
            "",
            "call Anna",
            "send offers to 5",
            "call back in 2",
            "interested in",
            "tomorrow 15:00",
            "due fri",
            "ask about may",
            "lunch in the sun",
            "discount 2.5",
            "take 1/2",
            "order 2026 units",
            "🙂 🙂 🙂",
        ] {
            assert_eq!(
                split_trailing_when(text, now(), Tz::UTC),
                (text.to_string(), None),
                "{text:?}"
            );
        }
    }

    #[test]
    fn split_respects_the_users_zone() {
        assert_eq!(
            split_trailing_when("call Anna tomorrow 15:00", now(), Europe::Berlin),
            (
                "call Anna".to_string(),
                Some(When {
                    at: utc(2026, 11, 28, 14, 0),
                    has_time: true
                })
            )
        );
    }

    #[test]
    fn time_zones_by_name_offset_and_city() {
        let cases: &[(&str, Option<&str>)] = &[
            ("europe/berlin", Some("Europe/Berlin")),
            ("America/New_York", Some("America/New_York")),
            (" UTC ", Some("UTC")),
            ("gmt", Some("GMT")),
            ("utc+0", Some("UTC")),
            ("+3", Some("Etc/GMT-3")),
            ("UTC+3", Some("Etc/GMT-3")),
            ("utc +03:00", Some("Etc/GMT-3")),
            ("GMT-5", Some("Etc/GMT+5")),
            ("−5", Some("Etc/GMT+5")),
            ("+14", Some("Etc/GMT-14")),
            ("-12", Some("Etc/GMT+12")),
            ("+05:30", Some("Asia/Kolkata")),
            ("UTC+0530", Some("Asia/Kolkata")),
            ("+5:45", Some("Asia/Kathmandu")),
            ("-03:30", Some("America/St_Johns")),
            ("berlin", Some("Europe/Berlin")),
            ("Moscow", Some("Europe/Moscow")),
            ("madrid", Some("Europe/Madrid")),
            ("london", Some("Europe/London")),
            ("new york", Some("America/New_York")),
            ("kyiv", Some("Europe/Kyiv")),
            ("kiev", Some("Europe/Kyiv")),
            ("mexico city", Some("America/Mexico_City")),
            ("Buenos Aires", Some("America/Argentina/Buenos_Aires")),
            ("São Paulo", Some("America/Sao_Paulo")),
            ("москва", Some("Europe/Moscow")),
            ("", None),
            ("3", None),
            ("+", None),
            ("+15", None),
            ("-13", None),
            ("+05:15", None),
            ("+3:5", None),
            ("atlantis", None),
            ("europe", None),
            ("🙂", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_time_zone(input).map(Tz::name), *expected, "{input:?}");
        }
        assert_eq!(parse_time_zone(&"+".repeat(5000)), None);
    }

    #[test]
    fn etc_zones_have_the_offset_the_user_typed() {
        for (input, seconds) in [("+3", 3 * 3600), ("GMT-5", -5 * 3600), ("+05:30", 19800)] {
            let tz = parse_time_zone(input).unwrap_or(Tz::UTC);
            let offset = now().with_timezone(&tz).offset().fix().local_minus_utc();
            assert_eq!(offset, seconds, "{input:?}");
        }
    }

    #[test]
    fn formats_in_the_users_zone_and_language() {
        let berlin = Europe::Berlin;
        let cases: &[(DateTime<Utc>, &str, &str)] = &[
            (utc(2026, 11, 27, 14, 0), "en", "today at 15:00"),
            (utc(2026, 11, 28, 8, 0), "en", "tomorrow at 09:00"),
            (utc(2026, 11, 26, 14, 0), "en", "yesterday at 15:00"),
            (utc(2026, 12, 4, 14, 0), "en", "Fri 4 Dec 15:00"),
            (utc(2027, 1, 3, 9, 0), "en", "2027-01-03 10:00"),
            (utc(2026, 11, 27, 14, 0), "ru", "сегодня в 15:00"),
            (utc(2026, 11, 28, 8, 0), "ru", "завтра в 09:00"),
            (utc(2026, 12, 4, 14, 0), "ru-RU", "пт 04.12 15:00"),
            (utc(2026, 11, 27, 14, 0), "es", "hoy a las 15:00"),
            (utc(2026, 11, 28, 8, 0), "es", "mañana a las 09:00"),
            (utc(2026, 12, 5, 14, 0), "es", "sáb 05/12 15:00"),
            (utc(2026, 11, 28, 0, 30), "es", "mañana a la 01:30"),
            (utc(2026, 11, 26, 9, 0), "ru", "вчера в 10:00"),
            (utc(2026, 12, 4, 14, 0), "de", "Fri 4 Dec 15:00"),
        ];
        for (instant, lang, expected) in cases {
            assert_eq!(
                format_local(*instant, berlin, now(), lang),
                *expected,
                "{instant} {lang}"
            );
        }
        // Auckland's local day is already Friday 23:00; 09:00 NZDT Saturday is tomorrow.
        assert_eq!(
            format_local(utc(2026, 11, 27, 20, 0), Pacific::Auckland, now(), "en"),
            "tomorrow at 09:00"
        );
    }

    #[test]
    fn formats_instants_without_a_local_time_in_utc() {
        let max = DateTime::<Utc>::MAX_UTC;
        assert_eq!(
            format_local(max, Asia::Kolkata, now(), "en"),
            "+262142-12-31 23:59 UTC"
        );
        assert_eq!(format_local(now(), Tz::UTC, max, "en"), "2026-11-27 10:00");
    }

    #[test]
    fn parse_then_format_round_trips() {
        let tz = America::New_York;
        let when = parse_when("fri 3pm", now(), tz);
        assert_eq!(when, at(utc(2026, 12, 4, 20, 0), true));
        let formatted = when.map(|when| format_local(when.at, tz, now(), "en"));
        assert_eq!(formatted, Ok("Fri 4 Dec 15:00".to_string()));
    }

    /// A tiny deterministic generator, enough to stir inputs around.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, bound: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(self.0 >> 33).unwrap_or_default() % bound.max(1)
        }
    }

    #[test]
    fn odd_inputs_never_panic() {
        const PIECES: &[&str] = &[
            "tomorrow",
            "15:00",
            "25:99",
            "32.13.2026",
            "9999-99-99",
            "0000-01-01",
            "в",
            "через",
            "en",
            "in",
            "next",
            "que",
            "viene",
            "a",
            "las",
            "🙂",
            "ñ",
            "\u{301}",
            "İ",
            "ß",
            "+",
            "-",
            "−",
            ":",
            ".",
            "/",
            ",",
            "0",
            "9999",
            "99999999999",
            "pm",
            "am",
            "p.m.",
            "12",
            "13",
            "fri",
            "пт",
            "dec",
            "1",
            "31",
            "2.5",
            "1/2",
            "9.30",
            "noon",
            "tonight",
            "due",
            "до",
            "para",
            "utc+3",
            "europe/berlin",
            "aaaaaaaaaaaaaaaaaaaaaaa",
            "\0",
            "\t",
            " ",
        ];
        let zones = [
            Tz::UTC,
            Europe::Berlin,
            America::New_York,
            Asia::Kolkata,
            Pacific::Chatham,
        ];
        let nows = [now(), DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC];
        let mut rng = Lcg(7);
        for round in 0..2000 {
            let mut text = String::new();
            for _ in 0..rng.below(8) {
                if let Some(piece) = PIECES.get(rng.below(PIECES.len())) {
                    text.push_str(piece);
                }
                if rng.below(3) > 0 {
                    text.push(' ');
                }
            }
            let tz = zones.get(round % zones.len()).copied().unwrap_or(Tz::UTC);
            let now = nows.get(round % nows.len()).copied().unwrap_or_else(now);
            let parsed = parse_when(&text, now, tz);
            if let Ok(when) = parsed {
                let _ = format_local(when.at, tz, now, "ru");
            }
            let (body, when) = split_trailing_when(&text, now, tz);
            if when.is_some() {
                assert!(!body.trim().is_empty(), "{text:?}");
                assert!(
                    text.starts_with(body.trim_start()) || text.contains(&body),
                    "{text:?}"
                );
            } else {
                assert_eq!(body, text);
            }
            let _ = parse_time_zone(&text);
        }
        for text in [
            "",
            &"9".repeat(5000),
            &"🙂".repeat(3000),
            &"tomorrow".repeat(700),
        ] {
            assert!(parse_when(text, now(), Tz::UTC).is_err());
            assert_eq!(split_trailing_when(text, now(), Tz::UTC).1, None);
            assert_eq!(parse_time_zone(text), None);
        }
        // A long text is fine as long as its tail is a date.
        let long = format!("{}tomorrow", "call ".repeat(1000));
        let (body, when) = split_trailing_when(&long, now(), Tz::UTC);
        assert_eq!(body.len(), 4999);
        assert_eq!(when.map(|when| when.at), Some(utc(2026, 11, 28, 9, 0)));
    }
}
