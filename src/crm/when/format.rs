//! Writing an instant back for people, in their zone and language.

use super::*;

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
