//! Tests of the when module: shared helpers; the cases are in the child modules.

mod locales;
mod other;
mod parse;

pub(super) use super::*;
pub(super) use chrono_tz::{America, Asia, Europe, Pacific};

/// `parse_when` read day-first (Russian, Spanish); English cases call the real one.
pub(super) fn parse_when(input: &str, now: DateTime<Utc>, tz: Tz) -> Result<When, WhenError> {
    super::parse_when(input, now, tz, DateOrder::DayFirst)
}

/// `split_trailing_when` read day-first.
pub(super) fn split_trailing_when(
    text: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> (String, Option<When>) {
    super::split_trailing_when(text, now, tz, DateOrder::DayFirst)
}

/// Friday 2026-11-27 10:00 UTC.
pub(super) fn now() -> DateTime<Utc> {
    utc(2026, 11, 27, 10, 0)
}

/// Wednesday 2026-11-25 10:00 UTC, two days before [`now`].
pub(super) fn wednesday() -> DateTime<Utc> {
    utc(2026, 11, 25, 10, 0)
}

pub(super) fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .unwrap_or_else(|| panic!("bad test instant {year}-{month}-{day}"))
}

pub(super) fn at(at: DateTime<Utc>, has_time: bool) -> Result<When, WhenError> {
    Ok(When { at, has_time })
}

/// Each case: input, the expected instant in UTC (`2026-11-28 15:00`), expected `has_time`.
pub(super) fn check(tz: Tz, now: DateTime<Utc>, cases: &[(&str, &str, bool)]) {
    for (input, expected, has_time) in cases {
        let expected = chrono::NaiveDateTime::parse_from_str(expected, "%Y-%m-%d %H:%M")
            .unwrap_or_else(|e| panic!("bad test instant {expected:?}: {e}"))
            .and_utc();
        assert_eq!(
            parse_when(input, now, tz),
            at(expected, *has_time),
            "{input:?} in {tz}"
        );
    }
}
