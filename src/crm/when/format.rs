//! Writing an instant back for people, in their zone and language.

use chrono::format::{Item, StrftimeItems};

use super::*;
use crate::i18n::Locale;

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
    let locale = Locale::from_language_code(Some(lang.trim()));
    let today = local_naive(now, tz).map(|now| now.date());
    if let Some(word) = today.and_then(|today| relative_day(locale, date, today)) {
        let at = locale.text(if local.hour() == 1 {
            "when-at-one"
        } else {
            "when-at"
        });
        return format!("{word} {at} {clock}");
    }
    if today.is_none_or(|today| date.year() != today.year()) {
        return local.format("%Y-%m-%d %H:%M").to_string();
    }
    let weekday = date.weekday().num_days_from_monday();
    let weekday = nth_word(locale, "when-weekdays", weekday).unwrap_or_default();
    let day_month = day_month_format(locale);
    format!(
        "{weekday} {} {clock}",
        local.format_with_items(day_month.iter())
    )
}

/// "yesterday", "today" or "tomorrow" in the locale's words, when `date` is one of them.
fn relative_day(locale: Locale, date: NaiveDate, today: NaiveDate) -> Option<String> {
    let index = [today.pred_opt(), Some(today), today.succ_opt()]
        .iter()
        .position(|day| *day == Some(date))?;
    nth_word(locale, "when-days", u32::try_from(index).ok()?)
}

/// Word `index` of the comma-separated list `key` of the locale.
fn nth_word(locale: Locale, key: &str, index: u32) -> Option<String> {
    let words = locale.text(key);
    let index = usize::try_from(index).ok()?;
    words
        .split(',')
        .nth(index)
        .map(|word| word.trim().to_string())
}

/// The locale's day-and-month pattern (`when-day-month`); a pattern chrono cannot read
/// falls back to `%d.%m` rather than failing to write the date.
fn day_month_format(locale: Locale) -> Vec<Item<'static>> {
    let pattern = locale.text("when-day-month");
    let items: Vec<Item<'static>> = StrftimeItems::new(&pattern)
        .map(|item| item.to_owned())
        .collect();
    if items.is_empty() || items.contains(&Item::Error) {
        return StrftimeItems::new("%d.%m").collect();
    }
    items
}
