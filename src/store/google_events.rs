//! The Google Calendar cache of each user: their events (`google_events`), the calendar's
//! sync token and last sync (`google_calendar_state`), and the /meet requests waiting for
//! the worker (`google_meet_requests`). Times are UTC milliseconds; an all-day event's are
//! dates, kept as midnight UTC of each (`google::calendar::all_day_date` reads them back).

use super::Tx;
use super::statement::{self, args};
use crate::crm::{RecordId, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

/// One cached event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedEvent {
    pub event_id: String,
    pub summary: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Whole days: `starts_at` and the exclusive `ends_at` are dates (midnights UTC).
    pub all_day: bool,
    pub status: String,
    /// The handle of the CRM record it is linked to ("C1"), from its private property.
    pub record_handle: Option<String>,
    /// Google's `updated`.
    pub updated_at: i64,
}

/// Adds or replaces the event `event.event_id` of `user_id`.
pub async fn upsert(tx: &mut Tx, user_id: UserId, event: &CachedEvent) -> Result<()> {
    let values = args![
        user_id.get(),
        &event.event_id,
        &event.summary,
        event.starts_at,
        event.ends_at,
        i64::from(event.all_day),
        &event.status,
        event.record_handle.as_deref(),
        event.updated_at
    ];
    statement::run(tx, UPSERT, values).await?;
    Ok(())
}

const UPSERT: &str = "INSERT INTO google_events
         (user_id, event_id, summary, starts_at, ends_at, all_day, status, record_handle, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (user_id, event_id) DO UPDATE SET
         summary = excluded.summary, starts_at = excluded.starts_at,
         ends_at = excluded.ends_at, all_day = excluded.all_day, status = excluded.status,
         record_handle = excluded.record_handle, updated_at = excluded.updated_at";

/// Removes one event (cancelled at Google).
pub async fn remove(tx: &mut Tx, user_id: UserId, event_id: &str) -> Result<()> {
    statement::run(tx, REMOVE, args![user_id.get(), event_id]).await?;
    Ok(())
}

const REMOVE: &str = "DELETE FROM google_events WHERE user_id = $1 AND event_id = $2";

type EventRow = (String, String, i64, i64, i64, String, Option<String>, i64);

/// The events of `user_id` in a period: timed events that overlap the instants
/// `[from, to)`, all-day events that overlap the dates `[first_day, end_day)` (as kept:
/// midnights UTC); by start.
pub async fn between(
    tx: &mut Tx,
    user_id: UserId,
    (from, to): (i64, i64),
    (first_day, end_day): (i64, i64),
) -> Result<Vec<CachedEvent>> {
    let args = args![user_id.get(), from, to, first_day, end_day];
    let rows: Vec<EventRow> = statement::all(tx, BETWEEN, args).await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                event_id,
                summary,
                starts_at,
                ends_at,
                all_day,
                status,
                record_handle,
                updated_at,
            )| {
                CachedEvent {
                    event_id,
                    summary,
                    starts_at,
                    ends_at,
                    all_day: all_day != 0,
                    status,
                    record_handle,
                    updated_at,
                }
            },
        )
        .collect())
}

const BETWEEN: &str = "SELECT event_id, summary, starts_at, ends_at, all_day, status,
            record_handle, updated_at
     FROM google_events
     WHERE user_id = $1
       AND ((all_day = 0 AND starts_at < $3 AND ends_at > $2)
            OR (all_day <> 0 AND starts_at < $5 AND ends_at > $4))
     ORDER BY starts_at, event_id";

/// How many events of `user_id` are cached.
pub async fn count(tx: &mut Tx, user_id: UserId) -> Result<i64> {
    statement::value(tx, COUNT, args![user_id.get()]).await
}

const COUNT: &str = "SELECT COUNT(*) FROM google_events WHERE user_id = $1";

/// The calendar's sync state: its sync token (none before a full sync finished) and when
/// it was last synced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub sync_token: Option<String>,
    pub synced_at: i64,
}

pub async fn state(tx: &mut Tx, user_id: UserId) -> Result<Option<SyncState>> {
    let row: Option<(Option<String>, i64)> =
        statement::optional(tx, STATE, args![user_id.get()]).await?;
    Ok(row.map(|(sync_token, synced_at)| SyncState {
        sync_token,
        synced_at,
    }))
}

const STATE: &str = "SELECT sync_token, synced_at FROM google_calendar_state WHERE user_id = $1";

/// Records a finished sync and the token the next one starts from.
pub async fn set_state(
    tx: &mut Tx,
    user_id: UserId,
    sync_token: Option<&str>,
    synced_at: i64,
) -> Result<()> {
    statement::run(tx, SET_STATE, args![user_id.get(), sync_token, synced_at]).await?;
    Ok(())
}

const SET_STATE: &str =
    "INSERT INTO google_calendar_state (user_id, sync_token, synced_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET sync_token = excluded.sync_token,
         synced_at = excluded.synced_at";

/// Deletes the cached events and the sync token of `user_id` (a 410: the cache is rebuilt).
pub async fn wipe(tx: &mut Tx, user_id: UserId) -> Result<()> {
    for sql in [DELETE_EVENTS, DELETE_STATE] {
        statement::run(tx, sql, args![user_id.get()]).await?;
    }
    Ok(())
}

const DELETE_EVENTS: &str = "DELETE FROM google_events WHERE user_id = $1";
const DELETE_STATE: &str = "DELETE FROM google_calendar_state WHERE user_id = $1";

/// Everything Calendar keeps for `user_id`: events, sync state and waiting /meet requests
/// (disconnect and account erasure).
pub async fn purge(tx: &mut Tx, user_id: UserId) -> Result<()> {
    wipe(tx, user_id).await?;
    statement::run(tx, DELETE_MEET_REQUESTS, args![user_id.get()]).await?;
    Ok(())
}

const DELETE_MEET_REQUESTS: &str = "DELETE FROM google_meet_requests WHERE user_id = $1";

/// A /meet waiting to be created at Google.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetRequest {
    pub id: i64,
    pub user_id: UserId,
    pub workspace_id: WorkspaceId,
    pub kind: RecordKind,
    pub record_id: RecordId,
    pub handle: String,
    /// The id the event is created with (so a retry after a lost answer is no duplicate).
    pub event_id: String,
    pub summary: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// The IANA zone the event is written in.
    pub time_zone: String,
}

/// Records a /meet request; returns its id.
pub async fn request_meet(tx: &mut Tx, request: &MeetRequest, now: i64) -> Result<i64> {
    let values = args![
        request.user_id.get(),
        request.workspace_id.get(),
        request.kind.as_str(),
        request.record_id.get(),
        &request.handle,
        &request.event_id,
        &request.summary,
        request.starts_at,
        request.ends_at,
        &request.time_zone,
        now
    ];
    statement::value(tx, REQUEST_MEET, values).await
}

const REQUEST_MEET: &str = "INSERT INTO google_meet_requests (user_id, workspace_id, record_kind,
         record_id, handle, event_id, summary, starts_at, ends_at, time_zone, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";

type MeetRow = (
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    String,
);

/// The waiting /meet requests of `user_id`, oldest first.
pub async fn meet_requests(tx: &mut Tx, user_id: UserId) -> Result<Vec<MeetRequest>> {
    let rows: Vec<MeetRow> = statement::all(tx, MEET_REQUESTS, args![user_id.get()]).await?;
    rows.into_iter()
        .map(
            |(id, user, ws, kind, record, handle, event_id, summary, starts, ends, zone)| {
                Ok(MeetRequest {
                    id,
                    user_id: UserId::new(user),
                    workspace_id: WorkspaceId::new(ws),
                    kind: RecordKind::ALL
                        .into_iter()
                        .find(|k| k.as_str() == kind)
                        .ok_or_else(|| unknown_kind(&kind))?,
                    record_id: RecordId::new(record),
                    handle,
                    event_id,
                    summary,
                    starts_at: starts,
                    ends_at: ends,
                    time_zone: zone,
                })
            },
        )
        .collect()
}

const MEET_REQUESTS: &str = "SELECT id, user_id, workspace_id, record_kind, record_id, handle,
            event_id, summary, starts_at, ends_at, time_zone
     FROM google_meet_requests WHERE user_id = $1 ORDER BY id";

fn unknown_kind(kind: &str) -> crate::store::Error {
    crate::store::Error::from(sqlx::Error::ColumnDecode {
        index: "record_kind".to_string(),
        source: format!("unknown record kind {kind:?}").into(),
    })
}

/// Removes a request once it was answered; false when it was already gone (purged).
pub async fn finish_meet(tx: &mut Tx, id: i64) -> Result<bool> {
    Ok(statement::run(tx, FINISH_MEET, args![id]).await? == 1)
}

const FINISH_MEET: &str = "DELETE FROM google_meet_requests WHERE id = $1";

/// Makes the user's Google connection due for the worker now (a /meet is waiting).
pub async fn sync_soon(tx: &mut Tx, user_id: UserId, now: i64) -> Result<()> {
    statement::run(tx, SYNC_SOON, args![user_id.get(), now]).await?;
    Ok(())
}

const SYNC_SOON: &str = "UPDATE google_connections SET next_sync_at = $2
     WHERE user_id = $1 AND status = 'active' AND next_sync_at > $2";
