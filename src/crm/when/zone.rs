//! Reading `/timezone` answers: IANA names, UTC offsets and city names.

use super::*;

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

pub(super) fn iana_zone(name: &str) -> Option<Tz> {
    Tz::from_str(name).ok().or_else(|| {
        TZ_VARIANTS
            .iter()
            .copied()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
    })
}

pub(super) fn offset_zone(input: &str) -> Option<Tz> {
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
pub(super) fn offset_amount(text: &str) -> Option<(u32, u32)> {
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

pub(super) fn whole_hour_zone(negative: bool, hours: u32) -> Option<Tz> {
    match (negative, hours) {
        (_, 0) => Some(Tz::UTC),
        (false, 1..=14) => Tz::from_str(&format!("Etc/GMT-{hours}")).ok(),
        (true, 1..=12) => Tz::from_str(&format!("Etc/GMT+{hours}")).ok(),
        _ => None,
    }
}

pub(super) fn half_hour_zone(negative: bool, hours: u32, minutes: u32) -> Option<Tz> {
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

pub(super) fn city_zone(input: &str) -> Option<Tz> {
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

pub(super) fn city_alias(key: &str) -> Option<Tz> {
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
