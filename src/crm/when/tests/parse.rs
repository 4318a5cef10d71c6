//! parse_when: the shapes in each language, zones, DST and refusals.

use super::*;

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

/// One rule in every language: a weekday, with or without "next", is the next such day
/// strictly after today.
#[test]
fn a_weekday_and_next_weekday_agree_in_every_language() {
    let wednesday = utc(2026, 11, 25, 10, 0);
    let friday = utc(2026, 11, 27, 10, 0);
    for input in [
        "fri",
        "friday",
        "next fri",
        "next friday",
        "this friday",
        "пятница",
        "в пятницу",
        "следующая пятница",
        "в следующую пятницу",
        "viernes",
        "el viernes",
        "el próximo viernes",
        "el viernes que viene",
        "próximo viernes 10:00",
        // The abbreviations we print are read back: "vie 04/12", "пт 04.12".
        "vie",
        "el vie",
        "пт",
    ] {
        for (now, day) in [(wednesday, 27), (friday, 4)] {
            let month = if day == 27 { 11 } else { 12 };
            let when = parse_when(input, now, Tz::UTC).map(|w| w.at.date_naive());
            assert_eq!(
                when,
                Ok(utc(2026, month, day, 0, 0).date_naive()),
                "{input:?} on {now}"
            );
        }
    }
}

/// "tomorrow at 10", "завтра в 10", "mañana a las 10": the hour after the marker is the time.
#[test]
fn a_bare_hour_after_at_is_a_time_next_to_a_day() {
    check(
        Tz::UTC,
        now(),
        &[
            ("tomorrow at 10", utc(2026, 11, 28, 10, 0), true),
            ("tomorrow 10am", utc(2026, 11, 28, 10, 0), true),
            ("tomorrow at 10 pm", utc(2026, 11, 28, 22, 0), true),
            ("mon at 9", utc(2026, 11, 30, 9, 0), true),
            ("завтра в 10", utc(2026, 11, 28, 10, 0), true),
            ("в пятницу в 18", utc(2026, 12, 4, 18, 0), true),
            ("mañana a las 10", utc(2026, 11, 28, 10, 0), true),
            ("Mañana a la 1", utc(2026, 11, 28, 1, 0), true),
            ("el lunes a las 16", utc(2026, 11, 30, 16, 0), true),
            ("1 de diciembre a las 10", utc(2026, 12, 1, 10, 0), true),
        ],
    );
    // Without a day the number stays a number; an hour past 23 is no time.
    for input in ["at 10", "в 10", "a las 10", "tomorrow at 24", "tomorrow 10"] {
        assert_eq!(
            parse_when(input, now(), Tz::UTC),
            Err(WhenError::Unrecognized),
            "{input:?}"
        );
    }
}

/// Slashed dates are month-first in English when the first number can be a month; every
/// other form (dotted, ISO, day-first that cannot be month-first) reads the same everywhere.
#[test]
fn english_reads_slashed_dates_month_first() {
    let read = |input: &str, order| {
        super::super::parse_when(input, now(), Tz::UTC, order).map(|w| w.at.date_naive())
    };
    let day = |y, m, d| Ok(utc(y, m, d, 0, 0).date_naive());
    for order in [DateOrder::MonthFirst, DateOrder::DayFirst] {
        for input in ["31.12.2026", "31/12/2026", "31/12", "31.12", "2026-12-31"] {
            assert_eq!(read(input, order), day(2026, 12, 31), "{input:?} {order:?}");
        }
        assert_eq!(read("1.12.2026", order), day(2026, 12, 1), "{order:?}");
    }
    let en = DateOrder::for_language("en");
    assert_eq!(en, DateOrder::MonthFirst);
    assert_eq!(read("12/31", en), day(2026, 12, 31));
    assert_eq!(read("12/31/2026", en), day(2026, 12, 31));
    assert_eq!(read("1/12", en), day(2027, 1, 12));
    assert_eq!(read("12/1/26", en), day(2026, 12, 1));
    for lang in ["ru", "es"] {
        let order = DateOrder::for_language(lang);
        assert_eq!(order, DateOrder::DayFirst);
        assert_eq!(read("12/31", order), Err(WhenError::Unrecognized), "{lang}");
        assert_eq!(read("1/12", order), day(2026, 12, 1), "{lang}");
    }
}

#[test]
fn weekdays_from_a_wednesday() {
    let wednesday = utc(2026, 11, 25, 10, 0);
    check(
        Tz::UTC,
        wednesday,
        &[
            ("fri", utc(2026, 11, 27, 9, 0), false),
            ("next fri", utc(2026, 11, 27, 9, 0), false),
            ("this fri", utc(2026, 11, 27, 9, 0), false),
            ("wed 15:00", utc(2026, 12, 2, 15, 0), true),
            ("next wed", utc(2026, 12, 2, 9, 0), false),
            ("tue", utc(2026, 12, 1, 9, 0), false),
            ("next tue", utc(2026, 12, 1, 9, 0), false),
            ("lun 15:00", utc(2026, 11, 30, 15, 0), true),
            ("mié", utc(2026, 12, 2, 9, 0), false),
            ("jue", utc(2026, 11, 26, 9, 0), false),
            ("sáb", utc(2026, 11, 28, 9, 0), false),
            ("dom", utc(2026, 11, 29, 9, 0), false),
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
