//! /calendar and /meet, on the Google Calendar of the user's connection. /calendar lists
//! today's, tomorrow's or the week's events from the cache the Google worker keeps, in the
//! user's zone, and says when it was last synced. /meet records a request and answers at
//! once: the worker creates the event at Google (outside this transaction), then writes it
//! to the cache and the record's timeline and tells the user (`google::calendar_sync`).
//! All-day events are dates: they show on their date in any zone. Without a connection, or
//! without the Calendar scope, both say how to connect; while the connection needs
//! reconnecting, /calendar shows the cache with a note and /meet waits for the reconnect.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::handles::{bad_handle_text, leading_handle, not_found};
use super::parse_env::ParseEnv;
use super::render::shorten;
use super::{Ctx, Replies};
use crate::crm::when::{format_local, parse_when};
use crate::crm::{Handle, RecordId, RecordKind};
use crate::google::calendar::{all_day_date, all_day_millis};
use crate::google::oauth::CALENDAR_SCOPE;
use crate::i18n::{fold, is_word};
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
    /// The period a word of any shipped language names (`words-calendar-*` in the locale
    /// files); nothing typed is today.
    pub fn parse(args: &str, env: &ParseEnv) -> Result<Period, String> {
        let word = fold(args);
        if word.is_empty() {
            return Ok(Period::Today);
        }
        [Period::Today, Period::Tomorrow, Period::Week]
            .into_iter()
            .find(|period| is_word(&word, &format!("words-calendar-{}", period.key())))
            .ok_or_else(|| env.locale.text("usage-calendar"))
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
            return Err(match args.split_whitespace().next() {
                None => bad_handle_text(env.locale, args, "usage-meet"),
                Some(first) => tr!(env.locale, "meet-not-a-target", input = shorten(first, 20)),
            });
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

/// The connection's status when Calendar can be used (its cache at least: a connection
/// that needs reconnecting no longer syncs); `Err(message)` says why it cannot.
async fn usable(ctx: &mut Ctx<'_>) -> crate::store::Result<Result<Status, String>> {
    if ctx.settings.google.is_none() {
        return Ok(Err(ctx.t("google-not-configured")));
    }
    let connection = google_connections::of_user(ctx.tx, ctx.actor.user_id).await?;
    Ok(match connection {
        None => Err(ctx.t("calendar-not-connected")),
        Some(c) if c.status == Status::Disconnecting => Err(ctx.t("google-disconnecting")),
        Some(c) if !c.granted(CALENDAR_SCOPE) => Err(ctx.t("calendar-not-granted")),
        Some(c) => Ok(c.status),
    })
}

/// `/calendar [today|tomorrow|week]`.
pub async fn calendar(ctx: &mut Ctx<'_>, period: Period) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("google-private-only"));
    }
    let status = match usable(ctx).await? {
        Ok(status) => status,
        Err(why) => return ctx.say(why),
    };
    let user = ctx.actor.user_id;
    let Some(state) = google_events::state(ctx.tx, user).await? else {
        return ctx.say(ctx.t("calendar-not-synced-yet"));
    };
    let (first, days) = days(ctx.now, ctx.tz, period);
    let instants = window(ctx.now, ctx.tz, first, days);
    let dates = (
        all_day_millis(first),
        all_day_millis(first + Duration::days(days)),
    );
    let mut events = google_events::between(ctx.tx, user, instants, dates).await?;
    // By day, a day's all-day events first, then by time.
    events.sort_by_key(|e| (start_day(e, ctx.tz), !e.all_day, e.starts_at));
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
    if status == Status::ReconnectNeeded {
        text.push_str("\n\n");
        text.push_str(&ctx.t("google-sync-stopped"));
    }
    ctx.say(text)
}

/// The period's first local day in `tz` and how many days it holds.
fn days(now: DateTime<Utc>, tz: Tz, period: Period) -> (NaiveDate, i64) {
    let today = now.with_timezone(&tz).date_naive();
    match period {
        Period::Today => (today, 1),
        Period::Tomorrow => (today + Duration::days(1), 1),
        Period::Week => (today, 7),
    }
}

/// The day an event starts on: an all-day event's own date, a timed one's local day.
fn start_day(event: &CachedEvent, tz: Tz) -> Option<NaiveDate> {
    if event.all_day {
        return all_day_date(event.starts_at);
    }
    DateTime::from_timestamp_millis(event.starts_at).map(|at| at.with_timezone(&tz).date_naive())
}

/// `[from, to)` in UTC milliseconds: `days` local days in `tz` from `first`.
fn window(now: DateTime<Utc>, tz: Tz, first: NaiveDate, days: i64) -> (i64, i64) {
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
    let day = match (period, start_day(event, ctx.tz)) {
        (Period::Week, Some(date)) => format!("{} ", date.format("%d.%m")),
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
    match usable(ctx).await? {
        Err(why) => return ctx.say(why),
        Ok(Status::ReconnectNeeded) => return ctx.say(ctx.t("meet-reconnect")),
        Ok(_) => {}
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
    ctx.wake_google = true;
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
        let berlin = chrono_tz::Europe::Berlin;
        let (first, days) = days(env().now, berlin, Period::Tomorrow);
        let (from, to) = window(env().now, berlin, first, days);
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

    /// Every word of every shipped locale's `words-calendar-*` list names its period, and
    /// only the lists do: a new language needs only its locale folder.
    #[test]
    fn period_words_come_from_the_locale_lists() {
        for &locale in Locale::all() {
            for period in [Period::Today, Period::Tomorrow, Period::Week] {
                let key = format!("words-calendar-{}", period.key());
                let words = locale.try_text(&key).unwrap_or_default();
                assert!(!words.trim().is_empty(), "{locale:?} has no {key}");
                for word in words.split(',') {
                    assert_eq!(Period::parse(word, &env()), Ok(period), "{locale:?} {word}");
                }
            }
        }
        assert_eq!(Period::parse(" MAÑANA ", &env()), Ok(Period::Tomorrow));
    }
}
