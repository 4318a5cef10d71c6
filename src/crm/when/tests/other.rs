//! split_trailing_when, parse_time_zone, format_local and robustness.

use super::*;

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

/// A slashed date with a number over 12 cannot be a small fraction: taken without a
/// marker, month-first in English where it can be ("12/31"), day-first otherwise.
#[test]
fn split_takes_a_slashed_date_with_a_day_over_twelve() {
    let cases = [
        (
            "review 12/31",
            DateOrder::MonthFirst,
            utc(2026, 12, 31, 9, 0),
        ),
        (
            "review 31/12",
            DateOrder::MonthFirst,
            utc(2026, 12, 31, 9, 0),
        ),
        ("review 31/12", DateOrder::DayFirst, utc(2026, 12, 31, 9, 0)),
        ("check 1/13", DateOrder::MonthFirst, utc(2027, 1, 13, 9, 0)),
        ("check 13/1", DateOrder::DayFirst, utc(2027, 1, 13, 9, 0)),
    ];
    for (text, order, at) in cases {
        let (body, when) = super::super::split_trailing_when(text, now(), Tz::UTC, order);
        assert_eq!(
            (body.as_str(), when),
            (
                text.split(' ').next().unwrap(),
                Some(When {
                    at,
                    has_time: false
                })
            ),
            "{text:?} {order:?}"
        );
    }
    // Still not dates: small pairs that read as fractions, and no valid day at all.
    for text in ["take 1/2", "mix 3/4", "score 20/25", "ratio 12/12"] {
        let split = super::super::split_trailing_when(text, now(), Tz::UTC, DateOrder::MonthFirst);
        assert_eq!(split, (text.to_string(), None), "{text:?}");
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
