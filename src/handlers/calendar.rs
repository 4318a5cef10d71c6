//! /calendar and /meet, on the Google Calendar of the user's connection. /calendar lists
//! today's, tomorrow's or the week's events from the cache the Google worker keeps, in the
//! user's zone, and says when it was last synced. /meet records a request and answers at
//! once: the worker creates the event at Google (outside this transaction), then writes it
//! to the cache and the record's timeline and tells the user (`google::calendar_sync`).
//! Without a connection, or without the Calendar scope, both say how to connect.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::handles::{bad_handle_text, leading_handle, not_found};
use super::parse_env::ParseEnv;
use super::{Ctx, Replies};
use crate::crm::when::{format_local, parse_when};
use crate::crm::{Handle, RecordId, RecordKind};
use crate::google::oauth::CALENDAR_SCOPE;
use crate::store::google_connections::{self, Status};
use crate::store::google_events::{self, CachedEvent, MeetRequest};
use crate::store::{companies, contacts, deals};
use crate::tr;

/// The records a meeting can be linked to.
const MEET_TARGETS: [RecordKind; 3] = [RecordKind::Contact, RecordKind::Company, RecordKind::Deal];
/// A meeting's length without one typed, and the bounds of a typed one, in minutes.
const DEFAULT_MINUTES: i64 = 30;
const MAX_MINUTES: i64 = 12 * 60;
/// Words of the moment tried at most ("next friday at 3 pm").
const MAX_WHEN_WORDS: usize = 5;
const MAX_TITLE_CHARS: usize = 200;

/// Which days /calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Today,
    Tomorrow,
    Week,
}

impl Period {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<Period, String> {
        let word = args.trim().to_lowercase();
        match word.as_str() {
            "" | "today" | "сегодня" | "hoy" => Ok(Period::Today),
            "tomorrow" | "завтра" | "mañana" | "manana" => Ok(Period::Tomorrow),
            "week" | "неделя" | "неделю" | "semana" => Ok(Period::Week),
            _ => Err(env.locale.text("usage-calendar")),
        }
    }

    fn key(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Tomorrow => "tomorrow",
            Period::Week => "week",
        }
    }
}

/// `/meet C1 friday 15:00 [45m] [title]`, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetArgs {
    pub handle: Handle,
    pub start: DateTime<Utc>,
    pub minutes: i64,
    /// `None`: "Meeting with <the record's name>".
    pub title: Option<String>,
}

impl MeetArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<MeetArgs, String> {
        let (handle, rest) = leading_handle(args, &MEET_TARGETS);
        let Some(handle) = handle else {
            return Err(bad_handle_text(env.locale, args, "usage-meet"));
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        if words.is_empty() {
            return Err(env.locale.text("usage-meet"));
        }
        let longest = MAX_WHEN_WORDS.min(words.len());
        let found = (1..=longest).rev().find_map(|length| {
            let text = words[..length].join(" ");
            parse_when(&text, env.now, env.tz, env.date_order())
                .ok()
                .map(|when| (length, when))
        });
        let Some((used, when)) = found else {
            return Err(tr!(
                env.locale,
                "meet-bad-time",
                input = words[0].to_string()
            ));
        };
        if !when.has_time {
            return Err(env.locale.text("meet-no-time"));
        }
        if when.at <= env.now {
            return Err(env.locale.text("meet-in-past"));
        }
        let mut rest = &words[used..];
        let mut minutes = DEFAULT_MINUTES;
        if let Some(first) = rest.first()
            && let Some(typed) = duration_minutes(first)
        {
            if !(1..=MAX_MINUTES).contains(&typed) {
                return Err(env.locale.text("meet-bad-duration"));
            }
            minutes = typed;
            rest = &rest[1..];
        }
        let title = rest.join(" ");
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(tr!(env.locale, "text-too-long", max = MAX_TITLE_CHARS));
        }
        Ok(MeetArgs {
            handle,
            start: when.at,
            minutes,
            title: (!title.is_empty()).then_some(title),
        })
    }
}

/// "45m", "45min", "1h", "1h30m", "1h30", "90м", "2ч": minutes; `None` for anything else.
fn duration_minutes(word: &str) -> Option<i64> {
    let word = word.to_lowercase();
    let number = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    for unit in ["min", "мин", "m", "м"] {
        if let Some(n) = word.strip_suffix(unit).and_then(number) {
            return Some(n);
        }
    }
    for hour in ["h", "ч"] {
        if let Some(n) = word.strip_suffix(hour).and_then(number) {
            return Some(n * 60);
        }
        if let Some((h, m)) = word.split_once(hour) {
            let m = ["min", "мин", "m", "м"]
                .iter()
                .find_map(|u| m.strip_suffix(u))
                .unwrap_or(m);
            if let (Some(h), Some(m)) = (number(h), number(m))
                && m < 60
            {
                return Some(h * 60 + m);
            }
        }
    }
    None
}

/// Why Calendar cannot be used, as the message to say; `None` when it can.
async fn unavailable(ctx: &mut Ctx<'_>) -> crate::store::Result<Option<String>> {
    if ctx.settings.google.is_none() {
        return Ok(Some(ctx.t("google-not-configured")));
    }
    let connection = google_connections::of_user(ctx.tx, ctx.actor.user_id).await?;
    Ok(match connection {
        None => Some(ctx.t("calendar-not-connected")),
        Some(c) if c.status == Status::Disconnecting => Some(ctx.t("google-disconnecting")),
        Some(c) if !c.granted(CALENDAR_SCOPE) => Some(ctx.t("calendar-not-granted")),
        Some(c) if c.status == Status::ReconnectNeeded => Some(ctx.t("calendar-reconnect")),
        Some(_) => None,
    })
}

/// `/calendar [today|tomorrow|week]`.
pub async fn calendar(ctx: &mut Ctx<'_>, period: Period) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("google-private-only"));
    }
    if let Some(why) = unavailable(ctx).await? {
        return ctx.say(why);
    }
    let user = ctx.actor.user_id;
    let Some(state) = google_events::state(ctx.tx, user).await? else {
        return ctx.say(ctx.t("calendar-not-synced-yet"));
    };
    let (from, to) = window(ctx.now, ctx.tz, period);
    let events = google_events::between(ctx.tx, user, from, to).await?;
    let locale = ctx.actor.locale;
    let synced = DateTime::from_timestamp_millis(state.synced_at)
        .map(|at| format_local(at, ctx.tz, ctx.now, locale.code()))
        .unwrap_or_default();
    let mut text = tr!(
        locale,
        "calendar-header",
        period = period.key(),
        count = events.len() as i64,
        synced = synced
    );
    for event in &events {
        text.push('\n');
        text.push_str(&line(ctx, event, period));
    }
    ctx.say(text)
}

/// `[from, to)` in UTC milliseconds: the period's local days in `tz`.
fn window(now: DateTime<Utc>, tz: Tz, period: Period) -> (i64, i64) {
    let today = now.with_timezone(&tz).date_naive();
    let (first, days) = match period {
        Period::Today => (today, 1),
        Period::Tomorrow => (today + Duration::days(1), 1),
        Period::Week => (today, 7),
    };
    let midnight = |day: chrono::NaiveDate| {
        tz.from_local_datetime(&day.and_time(NaiveTime::MIN))
            .earliest()
            .map_or(now.timestamp_millis(), |at| at.timestamp_millis())
    };
    (midnight(first), midnight(first + Duration::days(days)))
}

fn line(ctx: &Ctx<'_>, event: &CachedEvent, period: Period) -> String {
    let local =
        |millis: i64| DateTime::from_timestamp_millis(millis).map(|at| at.with_timezone(&ctx.tz));
    let (Some(start), Some(end)) = (local(event.starts_at), local(event.ends_at)) else {
        return String::new();
    };
    let day = match period {
        Period::Week => format!("{} ", start.format("%d.%m")),
        _ => String::new(),
    };
    let title = if event.summary.trim().is_empty() {
        ctx.t("calendar-untitled")
    } else {
        event.summary.clone()
    };
    let linked = event
        .record_handle
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    if event.all_day {
        let label = ctx.t("calendar-all-day");
        return format!("{day}{label} · {title}{linked}");
    }
    format!(
        "{day}{}–{} · {title}{linked}",
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// A random event id for Google: base32hex ("0-9a-v"), "crm" and 26 random characters.
fn new_event_id() -> String {
    use rand::Rng;
    const BASE32HEX: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut rng = rand::rng();
    let random: String = (0..26)
        .map(|_| char::from(BASE32HEX[rng.random_range(0..32)]))
        .collect();
    format!("crm{random}")
}

/// `/meet C1 friday 15:00 [45m] [title]`: a request for the worker, answered at once.
pub async fn meet(ctx: &mut Ctx<'_>, args: MeetArgs) -> Replies {
    if let Some(why) = unavailable(ctx).await? {
        return ctx.say(why);
    }
    let ws = ctx.actor.workspace_id;
    let n = args.handle.number;
    let found: Option<(RecordId, String)> = match args.handle.kind {
        RecordKind::Contact => contacts::by_handle(ctx.tx, ws, n)
            .await?
            .map(|c| (c.id.into(), c.name)),
        RecordKind::Company => companies::by_handle(ctx.tx, ws, n)
            .await?
            .map(|c| (c.id.into(), c.name)),
        RecordKind::Deal => deals::by_handle(ctx.tx, ws, n)
            .await?
            .map(|d| (d.id.into(), d.title)),
        RecordKind::Task | RecordKind::Note => None,
    };
    let Some((record_id, name)) = found else {
        return ctx.say(not_found(ctx, args.handle));
    };
    let locale = ctx.actor.locale;
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| tr!(locale, "meet-default-title", name = name));
    let end = args.start + Duration::minutes(args.minutes);
    let request = MeetRequest {
        id: 0,
        user_id: ctx.actor.user_id,
        workspace_id: ws,
        kind: args.handle.kind,
        record_id,
        handle: args.handle.to_string(),
        event_id: new_event_id(),
        summary: title.clone(),
        starts_at: args.start.timestamp_millis(),
        ends_at: end.timestamp_millis(),
        time_zone: ctx.tz.name().to_string(),
    };
    let now = ctx.now_millis();
    google_events::request_meet(ctx.tx, &request, now).await?;
    google_events::sync_soon(ctx.tx, ctx.actor.user_id, now).await?;
    ctx.audit("google.calendar.meet", "google").await?;
    if let Some(google) = &ctx.settings.google {
        google.wake();
    }
    let when = format_local(args.start, ctx.tz, ctx.now, locale.code());
    ctx.say(tr!(
        locale,
        "meet-requested",
        title = title,
        when = when,
        minutes = args.minutes,
        handle = args.handle.to_string()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn env() -> ParseEnv {
        ParseEnv {
            locale: Locale::EN,
            // Friday 27 November 2026, 10:00 UTC.
            now: Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap(),
            tz: chrono_tz::Europe::Berlin,
        }
    }

    #[test]
    fn meet_reads_handle_moment_duration_and_title() {
        let args = MeetArgs::parse("C1 friday 15:00 45m Pricing call", &env()).unwrap();
        assert_eq!(args.handle, Handle::new(RecordKind::Contact, 1));
        assert_eq!(
            args.start,
            Utc.with_ymd_and_hms(2026, 12, 4, 14, 0, 0).unwrap()
        );
        assert_eq!(args.minutes, 45);
        assert_eq!(args.title.as_deref(), Some("Pricing call"));

        let plain = MeetArgs::parse("D7 tomorrow 9:30", &env()).unwrap();
        assert_eq!(plain.minutes, 30);
        assert_eq!(plain.title, None);
        let long = MeetArgs::parse("O2 dec 3 15:00 1h30m Review", &env()).unwrap();
        assert_eq!(long.minutes, 90);
    }

    #[test]
    fn meet_refuses_bad_input_with_a_reason() {
        let e = env();
        assert!(MeetArgs::parse("", &e).unwrap_err().contains("/meet"));
        assert!(MeetArgs::parse("T1 friday 15:00", &e).is_err());
        assert!(
            MeetArgs::parse("C1 someday", &e)
                .unwrap_err()
                .contains("someday")
        );
        assert_eq!(
            MeetArgs::parse("C1 friday", &e).unwrap_err(),
            Locale::EN.text("meet-no-time")
        );
        assert_eq!(
            MeetArgs::parse("C1 yesterday 15:00", &e).unwrap_err(),
            Locale::EN.text("meet-in-past")
        );
        assert!(MeetArgs::parse("C1 friday 15:00 0m", &e).is_err());
        assert!(MeetArgs::parse("C1 friday 15:00 13h", &e).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(duration_minutes("45m"), Some(45));
        assert_eq!(duration_minutes("45min"), Some(45));
        assert_eq!(duration_minutes("2h"), Some(120));
        assert_eq!(duration_minutes("1h15"), Some(75));
        assert_eq!(duration_minutes("1ч30м"), Some(90));
        assert_eq!(duration_minutes("demo"), None);
        assert_eq!(duration_minutes("m"), None);
    }

    #[test]
    fn periods_are_local_days() {
        let (from, to) = window(env().now, chrono_tz::Europe::Berlin, Period::Tomorrow);
        assert_eq!(
            from,
            Utc.with_ymd_and_hms(2026, 11, 27, 23, 0, 0)
                .unwrap()
                .timestamp_millis()
        );
        assert_eq!(to - from, 24 * 3600 * 1000);
        assert!(Period::parse("someday", &env()).is_err());
        assert_eq!(Period::parse("", &env()), Ok(Period::Today));
        assert_eq!(Period::parse("Semana", &env()), Ok(Period::Week));
    }
}
