//! parse_when: the shapes in each language, zones, DST and refusals.

use super::*;

/// The shapes in each language, in UTC, said on Friday 2026-11-27 10:00.
#[test]
fn each_language_in_utc() {
    check(
        Tz::UTC,
        now(),
        &[
            // English
            ("tomorrow 15:00", "2026-11-28 15:00", true),
            ("tomorrow 3pm", "2026-11-28 15:00", true),
            ("Tomorrow at 3 PM", "2026-11-28 15:00", true),
            ("tomorrow 3:30 p.m.", "2026-11-28 15:30", true),
            ("tomorrow 9.30", "2026-11-28 09:30", true),
            ("today 17:30", "2026-11-27 17:30", true),
            ("yesterday", "2026-11-26 09:00", false),
            ("fri", "2026-12-04 09:00", false),
            ("friday", "2026-12-04 09:00", false),
            ("Friday.", "2026-12-04 09:00", false),
            ("next friday", "2026-12-04 09:00", false),
            ("wed", "2026-12-02 09:00", false),
            ("mon 9am", "2026-11-30 09:00", true),
            ("on monday at 12am", "2026-11-30 00:00", true),
            ("next week", "2026-11-30 09:00", false),
            ("next week 14:00", "2026-11-30 14:00", true),
            ("next month", "2026-12-01 09:00", false),
            ("in 2 hours", "2026-11-27 12:00", true),
            ("in 2h", "2026-11-27 12:00", true),
            ("in an hour", "2026-11-27 11:00", true),
            ("in 45 min", "2026-11-27 10:45", true),
            ("in 3 days", "2026-11-30 09:00", false),
            ("in 3 days 15:00", "2026-11-30 15:00", true),
            ("in 2 weeks", "2026-12-11 09:00", false),
            ("in 1 month", "2026-12-27 09:00", false),
            ("2026-12-01", "2026-12-01 09:00", false),
            ("2026-12-01 9am", "2026-12-01 09:00", true),
            // Raw, these two make interim 0.2.2 panic.
            ("2026-12-01 9AM", "2026-12-01 09:00", true),
            ("2026-12-01 9PM", "2026-12-01 21:00", true),
            ("2026-12-01 09:30", "2026-12-01 09:30", true),
            ("1.12.2026", "2026-12-01 09:00", false),
            ("1.12.26 18:00", "2026-12-01 18:00", true),
            ("1/12/2026", "2026-12-01 09:00", false),
            ("1/12", "2026-12-01 09:00", false),
            ("5.12", "2026-12-05 09:00", false),
            ("dec 1", "2026-12-01 09:00", false),
            ("1 dec", "2026-12-01 09:00", false),
            ("December 1, 2026 3pm", "2026-12-01 15:00", true),
            ("1 december 2027", "2027-12-01 09:00", false),
            ("jan 2027", "2027-01-01 09:00", false),
            // Without a year a date is the next one on or after today.
            ("nov 1", "2027-11-01 09:00", false),
            ("1/11", "2027-11-01 09:00", false),
            ("nov 27", "2026-11-27 09:00", false),
            ("15:00", "2026-11-27 15:00", true),
            ("3pm", "2026-11-27 15:00", true),
            ("09:00", "2026-11-28 09:00", true),
            ("10:00", "2026-11-28 10:00", true),
            ("noon", "2026-11-27 12:00", true),
            ("12pm", "2026-11-27 12:00", true),
            ("tonight", "2026-11-27 20:00", true),
            ("tonight 9pm", "2026-11-27 21:00", true),
            // Russian
            ("завтра 15:00", "2026-11-28 15:00", true),
            ("Завтра в 15:00", "2026-11-28 15:00", true),
            ("сегодня", "2026-11-27 09:00", false),
            ("послезавтра", "2026-11-29 09:00", false),
            ("сегодня вечером", "2026-11-27 20:00", true),
            ("пт", "2026-12-04 09:00", false),
            ("в понедельник", "2026-11-30 09:00", false),
            ("до пятницы", "2026-12-04 09:00", false),
            ("в следующую среду", "2026-12-02 09:00", false),
            ("Воскресенье 10:00", "2026-11-29 10:00", true),
            ("через 2 часа", "2026-11-27 12:00", true),
            ("через час", "2026-11-27 11:00", true),
            ("через 3 дня", "2026-11-30 09:00", false),
            ("через неделю", "2026-12-04 09:00", false),
            ("на следующей неделе", "2026-11-30 09:00", false),
            ("1 декабря", "2026-12-01 09:00", false),
            ("1 декабря 2027 в 10:00", "2027-12-01 10:00", true),
            ("в полдень", "2026-11-27 12:00", true),
            // Spanish
            ("mañana 15:00", "2026-11-28 15:00", true),
            ("Mañana a las 15:00", "2026-11-28 15:00", true),
            ("manana a las 3pm", "2026-11-28 15:00", true),
            ("hoy 17:30", "2026-11-27 17:30", true),
            ("pasado mañana", "2026-11-29 09:00", false),
            ("esta noche", "2026-11-27 20:00", true),
            ("lunes", "2026-11-30 09:00", false),
            ("el miércoles", "2026-12-02 09:00", false),
            ("sábado", "2026-11-28 09:00", false),
            ("el próximo viernes", "2026-12-04 09:00", false),
            ("el viernes que viene", "2026-12-04 09:00", false),
            ("la semana que viene", "2026-11-30 09:00", false),
            ("en 2 horas", "2026-11-27 12:00", true),
            ("en una hora", "2026-11-27 11:00", true),
            ("en 3 días", "2026-11-30 09:00", false),
            ("1 de diciembre", "2026-12-01 09:00", false),
            ("para el 1 de diciembre de 2026", "2026-12-01 09:00", false),
        ],
    );
}

/// One rule in every language: a weekday, with or without "next", is the next such day
/// strictly after today.
#[test]
fn a_weekday_and_next_weekday_agree_in_every_language() {
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
        // Said on Wednesday: that week's Friday; said on Friday: the next one.
        for (said, friday) in [(wednesday(), "2026-11-27"), (now(), "2026-12-04")] {
            let when = parse_when(input, said, Tz::UTC).map(|w| w.at.date_naive().to_string());
            assert_eq!(when.as_deref(), Ok(friday), "{input:?} on {said}");
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
            ("tomorrow at 10", "2026-11-28 10:00", true),
            ("tomorrow 10am", "2026-11-28 10:00", true),
            ("tomorrow at 10 pm", "2026-11-28 22:00", true),
            ("mon at 9", "2026-11-30 09:00", true),
            ("завтра в 10", "2026-11-28 10:00", true),
            ("в пятницу в 18", "2026-12-04 18:00", true),
            ("mañana a las 10", "2026-11-28 10:00", true),
            ("Mañana a la 1", "2026-11-28 01:00", true),
            ("el lunes a las 16", "2026-11-30 16:00", true),
            ("1 de diciembre a las 10", "2026-12-01 10:00", true),
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
    check(
        Tz::UTC,
        wednesday(),
        &[
            ("fri", "2026-11-27 09:00", false),
            ("next fri", "2026-11-27 09:00", false),
            ("this fri", "2026-11-27 09:00", false),
            ("wed 15:00", "2026-12-02 15:00", true),
            ("next wed", "2026-12-02 09:00", false),
            ("tue", "2026-12-01 09:00", false),
            ("next tue", "2026-12-01 09:00", false),
            ("lun 15:00", "2026-11-30 15:00", true),
            ("mié", "2026-12-02 09:00", false),
            ("jue", "2026-11-26 09:00", false),
            ("sáb", "2026-11-28 09:00", false),
            ("dom", "2026-11-29 09:00", false),
        ],
    );
}

/// The same words in other zones, said on Friday 2026-11-27 10:00 UTC: the day, the time
/// and the default 09:00 are the zone's, the instant is UTC.
#[test]
fn other_zones() {
    let cases = [
        // Local now: Friday 11:00 CET (UTC+1).
        (Europe::Berlin, "tomorrow 15:00", "2026-11-28 14:00", true),
        (Europe::Berlin, "15:00", "2026-11-27 14:00", true),
        (Europe::Berlin, "09:00", "2026-11-28 08:00", true),
        (Europe::Berlin, "fri", "2026-12-04 08:00", false),
        (Europe::Berlin, "2026-12-01", "2026-12-01 08:00", false),
        (Europe::Berlin, "in 2 hours", "2026-11-27 12:00", true),
        (Europe::Berlin, "next week", "2026-11-30 08:00", false),
        // Local now: Friday 05:00 EST (UTC-5).
        (America::New_York, "today 17:30", "2026-11-27 22:30", true),
        (America::New_York, "tomorrow 3pm", "2026-11-28 20:00", true),
        (America::New_York, "9am", "2026-11-27 14:00", true),
        (America::New_York, "fri", "2026-12-04 14:00", false),
        (America::New_York, "dec 1", "2026-12-01 14:00", false),
        // Local now: Friday 15:30 IST (UTC+5:30).
        (Asia::Kolkata, "tomorrow 15:00", "2026-11-28 09:30", true),
        (Asia::Kolkata, "15:00", "2026-11-28 09:30", true),
        (Asia::Kolkata, "tonight", "2026-11-27 14:30", true),
        (Asia::Kolkata, "mon 9am", "2026-11-30 03:30", true),
        (Asia::Kolkata, "1.12.2026", "2026-12-01 03:30", false),
        // Auckland: it is already Friday 23:00 NZDT (UTC+13) when UTC says 10:00.
        (Pacific::Auckland, "today", "2026-11-26 20:00", false),
        (Pacific::Auckland, "tomorrow", "2026-11-27 20:00", false),
        (Pacific::Auckland, "sat", "2026-11-27 20:00", false),
        (Pacific::Auckland, "10:00", "2026-11-27 21:00", true),
    ];
    for (tz, input, expected, has_time) in cases {
        check(tz, now(), &[(input, expected, has_time)]);
    }
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
            ("tomorrow 02:30", "2027-03-28 01:00", true),
            ("2027-03-28 02:30", "2027-03-28 01:00", true),
            ("tomorrow 01:30", "2027-03-28 00:30", true),
            ("tomorrow 03:30", "2027-03-28 01:30", true),
            ("tomorrow", "2027-03-28 07:00", false),
            // 02:30 on 2027-10-31 happens twice: the earlier one, still CEST.
            ("2027-10-31 02:30", "2027-10-31 00:30", true),
            ("2027-10-31 03:30", "2027-10-31 02:30", true),
        ],
    );
    // Hours are exact durations across the gap: 01:30 CET + 2h = 04:30 CEST.
    check(
        Europe::Berlin,
        utc(2027, 3, 28, 0, 30),
        &[("in 2 hours", "2027-03-28 02:30", true)],
    );
    // New York springs forward 2027-03-14; now is Friday 2027-03-12 10:00 EST.
    check(
        America::New_York,
        utc(2027, 3, 12, 15, 0),
        &[
            ("2027-03-14 02:30", "2027-03-14 07:00", true),
            ("in 3 days", "2027-03-15 13:00", false),
            ("fri", "2027-03-19 13:00", false),
            ("sun 9am", "2027-03-14 13:00", true),
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
