//! Calendar's part of the Google worker, for one user with a fresh access token and outside
//! any update's transaction: first the waiting /meet requests are created at Google (each
//! then written to the cache, the record's timeline and the user's chat in one short
//! transaction), then the cache is synced — in full over a bounded window
//! ([`DAYS_BACK`]..[`DAYS_AHEAD`]) the first time, then incrementally from the sync token
//! (cancelled events deleted); a dead token (410) wipes the cache and syncs in full. It never
//! calls the model.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde_json::json;
use tracing::{debug, info};

use super::calendar::{Calendar, CalendarError, Event, Listing, NewEvent, Query};
use crate::crm::UserId;
use crate::crm::when::format_local;
use crate::message::Reply;
use crate::store::google_events::{self, CachedEvent, MeetRequest};
use crate::store::{self, Store, activities, outbox, users};
use crate::tr;

/// The full sync's window: this many days back…
pub const DAYS_BACK: i64 = 30;
/// …and this many ahead.
pub const DAYS_AHEAD: i64 = 90;

/// Why Calendar's run stopped.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("database: {0}")]
    Store(#[from] store::Error),
}

/// How the cache was brought up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synced {
    /// The window was listed and the cache replaced.
    Full { events: usize },
    /// Changes since the token were applied.
    Incremental { changed: usize, removed: usize },
    /// The token was dead (410): the cache was wiped and rebuilt.
    Resynced { events: usize },
}

/// Creates the waiting /meet requests of `user_id`, then syncs the cache.
pub async fn run(
    store: &Store,
    calendar: &Calendar<'_>,
    user_id: UserId,
) -> Result<Synced, StepError> {
    create_meetings(store, calendar, user_id).await?;
    sync(store, calendar, user_id).await
}

/// Brings the cache of `user_id` up to date.
pub async fn sync(
    store: &Store,
    calendar: &Calendar<'_>,
    user_id: UserId,
) -> Result<Synced, StepError> {
    let state = in_own_tx(store, async |tx| google_events::state(tx, user_id).await).await?;
    let Some(token) = state.and_then(|s| s.sync_token) else {
        let events = full(store, calendar, user_id).await?;
        return Ok(Synced::Full { events });
    };
    match calendar.list(Query::Changes { sync_token: &token }).await {
        Ok(listing) => {
            let mut tx = store.begin().await?;
            let (mut changed, mut removed) = (0, 0);
            for event in &listing.events {
                match cached(event) {
                    Some(row) => {
                        google_events::upsert(&mut tx, user_id, &row).await?;
                        changed += 1;
                    }
                    None => {
                        google_events::remove(&mut tx, user_id, &event.id).await?;
                        removed += 1;
                    }
                }
            }
            // No new token (an unusual answer): keep the old one rather than resync.
            let next = listing.sync_token.as_deref().unwrap_or(&token);
            let now = tx.now_millis();
            google_events::set_state(&mut tx, user_id, Some(next), now).await?;
            tx.commit().await?;
            debug!(user = %user_id, changed, removed, "calendar synced incrementally");
            Ok(Synced::Incremental { changed, removed })
        }
        Err(CalendarError::Gone) => {
            info!(user = %user_id, "calendar sync token expired; syncing in full");
            in_own_tx(store, async |tx| google_events::wipe(tx, user_id).await).await?;
            let events = full(store, calendar, user_id).await?;
            Ok(Synced::Resynced { events })
        }
        Err(error) => Err(error.into()),
    }
}

/// One store call in a short transaction of its own (Google is never called inside one).
async fn in_own_tx<T>(
    store: &Store,
    call: impl AsyncFnOnce(&mut store::Tx) -> store::Result<T>,
) -> store::Result<T> {
    let mut tx = store.begin().await?;
    let value = call(&mut tx).await?;
    tx.commit().await?;
    Ok(value)
}

/// Lists the window and replaces the cache with it; returns how many events it holds.
async fn full(store: &Store, calendar: &Calendar<'_>, user_id: UserId) -> Result<usize, StepError> {
    let now = DateTime::from_timestamp_millis(store.now_millis()).unwrap_or_else(Utc::now);
    let listing = calendar
        .list(Query::Window {
            from: now - Duration::days(DAYS_BACK),
            to: now + Duration::days(DAYS_AHEAD),
        })
        .await?;
    let mut tx = store.begin().await?;
    google_events::wipe(&mut tx, user_id).await?;
    let stored = store_listing(&mut tx, user_id, &listing).await?;
    let now = tx.now_millis();
    google_events::set_state(&mut tx, user_id, listing.sync_token.as_deref(), now).await?;
    tx.commit().await?;
    Ok(stored)
}

async fn store_listing(
    tx: &mut store::Tx,
    user_id: UserId,
    listing: &Listing,
) -> store::Result<usize> {
    let mut stored = 0;
    for row in listing.events.iter().filter_map(cached) {
        google_events::upsert(tx, user_id, &row).await?;
        stored += 1;
    }
    Ok(stored)
}

/// The cache row of a live event; `None` for a cancelled one or one without times.
fn cached(event: &Event) -> Option<CachedEvent> {
    if event.is_cancelled() {
        return None;
    }
    let (starts_at, ends_at, all_day) = event.span()?;
    Some(CachedEvent {
        event_id: event.id.clone(),
        summary: event.summary.clone().unwrap_or_default(),
        starts_at,
        ends_at,
        all_day,
        status: event.status.clone().unwrap_or_else(|| "confirmed".into()),
        record_handle: event.record_handle().map(str::to_string),
        updated_at: event.updated_millis(),
    })
}

/// Creates each waiting /meet of `user_id` at Google. A refusal is told to the user and
/// the request dropped; an error worth retrying stops here and the rest wait for the next
/// run (the event id is fixed, so a retry after a lost answer is no duplicate).
pub async fn create_meetings(
    store: &Store,
    calendar: &Calendar<'_>,
    user_id: UserId,
) -> Result<usize, StepError> {
    let waiting = in_own_tx(store, async |tx| {
        google_events::meet_requests(tx, user_id).await
    })
    .await?;
    let mut created = 0;
    for request in waiting {
        let zone: Tz = request.time_zone.parse().unwrap_or(Tz::UTC);
        let (Some(start), Some(end)) = (
            DateTime::from_timestamp_millis(request.starts_at),
            DateTime::from_timestamp_millis(request.ends_at),
        ) else {
            refused(store, &request).await?;
            continue;
        };
        let event = NewEvent::new(
            &request.event_id,
            &request.summary,
            start,
            end,
            zone,
            &request.handle,
        );
        match calendar.insert(&event).await {
            Ok(_) | Err(CalendarError::Duplicate) => {
                meeting_created(store, &request).await?;
                created += 1;
            }
            Err(error) if error.is_retryable() => return Err(error.into()),
            Err(error) => {
                debug!(user = %user_id, %error, "Google refused a /meet event");
                refused(store, &request).await?;
            }
        }
    }
    Ok(created)
}

/// The event exists at Google: cache, timeline and the user's chat, in one transaction.
async fn meeting_created(store: &Store, request: &MeetRequest) -> store::Result<()> {
    let mut tx = store.begin().await?;
    if !google_events::finish_meet(&mut tx, request.id).await? {
        // Purged meanwhile (a disconnect): nothing to tell.
        return tx.commit().await;
    }
    let now = tx.now_millis();
    let row = CachedEvent {
        event_id: request.event_id.clone(),
        summary: request.summary.clone(),
        starts_at: request.starts_at,
        ends_at: request.ends_at,
        all_day: false,
        status: "confirmed".into(),
        record_handle: Some(request.handle.clone()),
        updated_at: now,
    };
    google_events::upsert(&mut tx, request.user_id, &row).await?;
    let event = activities::Event {
        workspace_id: request.workspace_id,
        kind: request.kind,
        record_id: request.record_id,
        actor: Some(request.user_id),
        action: "meeting",
        detail: json!({"start": request.starts_at, "summary": request.summary}),
        at: now,
    };
    activities::record(&mut tx, &event).await?;
    let (locale, tz) = users::locale_and_zone(&mut tx, request.user_id)
        .await?
        .unwrap_or((crate::i18n::Locale::EN, Tz::UTC));
    let now_utc = DateTime::from_timestamp_millis(now).unwrap_or_else(Utc::now);
    let when = DateTime::from_timestamp_millis(request.starts_at)
        .map(|at| format_local(at, tz, now_utc, locale.code()))
        .unwrap_or_default();
    let text = tr!(
        locale,
        "meet-created",
        title = request.summary.clone(),
        when = when,
        handle = request.handle.clone()
    );
    let reply = Reply::text(text).scrubbed_after_send();
    outbox::enqueue_for_user(&mut tx, request.user_id, &reply).await?;
    tx.commit().await
}

/// Google refused the event: the user is told, the request dropped.
async fn refused(store: &Store, request: &MeetRequest) -> store::Result<()> {
    let mut tx = store.begin().await?;
    if google_events::finish_meet(&mut tx, request.id).await? {
        let locale = users::locale_and_zone(&mut tx, request.user_id)
            .await?
            .map_or(crate::i18n::Locale::EN, |(locale, _)| locale);
        let text = tr!(locale, "meet-failed", title = request.summary.clone());
        let reply = Reply::text(text).scrubbed_after_send();
        outbox::enqueue_for_user(&mut tx, request.user_id, &reply).await?;
    }
    tx.commit().await
}
