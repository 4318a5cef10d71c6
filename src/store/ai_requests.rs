//! AI request rows: recorded by the handler of a user's own message (only through
//! `ai::request::record`), leased by the AI worker (`lease_until`, `SKIP LOCKED` on
//! PostgreSQL, so two workers never take one row and a worker that dies releases it when
//! the lease ends), then finished with a status, the tokens used and an error kind. A row
//! waiting for the user's AI consent has status [`WAITING_CONSENT`] and is never leased.

use sqlx::FromRow;

use super::lease::{self, Lease};
use super::statement::{self, args};
use super::{Store, Tx};
use crate::crm::{IdentityId, UserId, WorkspaceId};
use crate::store::Result;

/// Waiting for the user to answer the AI consent question.
pub const WAITING_CONSENT: &str = "consent";
/// Waiting for the worker (or leased by it until `lease_until`).
pub const QUEUED: &str = "queued";
/// Answered.
pub const DONE: &str = "done";
/// Given up on (the user was told why); `error_kind` says why.
pub const FAILED: &str = "failed";

/// A request to record.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub identity_id: IdentityId,
    pub channel: &'a str,
    pub chat_id: &'a str,
    pub feature: &'a str,
    pub input: &'a str,
    pub prompt_version: &'a str,
    pub status: &'static str,
}

/// Inserts a request; returns its id. Called only by `ai::request::record`.
pub async fn insert(tx: &mut Tx, request: &NewRequest<'_>) -> Result<i64> {
    let now = tx.now_millis();
    let values = args![
        request.workspace_id.get(),
        request.user_id.get(),
        request.identity_id.get(),
        request.channel,
        request.chat_id,
        request.feature,
        request.input,
        request.prompt_version,
        request.status,
        now
    ];
    statement::value(tx, INSERT, values).await
}

const INSERT: &str =
    "INSERT INTO ai_requests (workspace_id, user_id, identity_id, channel, chat_id,
         feature, input, prompt_version, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";

/// A leased request as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub workspace_id: i64,
    pub user_id: i64,
    pub identity_id: i64,
    pub channel: String,
    pub chat_id: String,
    pub feature: String,
    pub input: String,
    /// Leases taken so far, this one included.
    pub attempts: i64,
}

/// Whether a queued request is due at `now` (a read, so an idle worker never takes the
/// write lock).
pub async fn any_due(store: &Store, now: i64) -> Result<bool> {
    let mut connection = store.pool().acquire().await?;
    let due: Option<i64> = statement::value_opt(&mut connection, ANY_DUE, args![now]).await?;
    Ok(due.is_some())
}

const ANY_DUE: &str =
    "SELECT id FROM ai_requests WHERE status = 'queued' AND lease_until <= $1 LIMIT 1";

/// Leases up to `limit` queued requests whose lease (if any) ended by `now`, oldest first,
/// until `lease_until`; each lease counts an attempt.
pub async fn lease_due(
    store: &Store,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<RequestRow>> {
    let mut rows: Vec<RequestRow> = LEASE
        .take_committed(store, args![now, lease_until, limit])
        .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

const LEASE: Lease = lease::sql!(
    table: ai_requests,
    set: "lease_until = $2, attempts = attempts + 1",
    due: "status = 'queued' AND lease_until <= $1",
    order: "id",
    returning: "id, workspace_id, user_id, identity_id, channel, chat_id, feature, input, attempts",
);

/// How a request ended.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    /// [`DONE`] or [`FAILED`].
    pub status: &'static str,
    pub tokens: u64,
    /// Why it failed (`timeout`, `consent`, `budget`…), for a failed one.
    pub error_kind: Option<&'static str>,
}

impl Outcome {
    /// `done`, or the error kind (a metrics label).
    pub fn label(&self) -> &'static str {
        self.error_kind.unwrap_or("done")
    }
}

/// Finishes a request that is still queued; `false` when it was finished already (by
/// another worker after a lease ran out), so its replies are not queued twice.
pub async fn finish(tx: &mut Tx, id: i64, outcome: Outcome) -> Result<bool> {
    let now = tx.now_millis();
    let tokens = i64::try_from(outcome.tokens).unwrap_or(i64::MAX);
    let values = args![outcome.status, tokens, outcome.error_kind, now, id];
    Ok(statement::run(tx, FINISH, values).await? == 1)
}

const FINISH: &str =
    "UPDATE ai_requests SET status = $1, tokens = $2, error_kind = $3, finished_at = $4
     WHERE id = $5 AND status = 'queued'";

/// Hands a leased request back to be taken again at `at` (a database error while it was
/// worked on, or the user's rate limit).
pub async fn retry_at(store: &Store, id: i64, at: i64) -> Result<()> {
    let mut connection = store.pool().acquire().await?;
    statement::run(&mut connection, RETRY_AT, args![at, id]).await?;
    Ok(())
}

const RETRY_AT: &str =
    "UPDATE ai_requests SET lease_until = $1 WHERE id = $2 AND status = 'queued'";

/// Queues every request of `user_id` that waited for their consent; returns their
/// features.
pub async fn release_waiting(tx: &mut Tx, user_id: UserId) -> Result<Vec<String>> {
    statement::values(tx, RELEASE_WAITING, args![user_id.get()]).await
}

const RELEASE_WAITING: &str = "UPDATE ai_requests SET status = 'queued', lease_until = 0
     WHERE user_id = $1 AND status = 'consent' RETURNING feature";

/// Deletes the requests of `user_id` that waited for a consent they refused (their text
/// is not kept); returns how many.
pub async fn drop_waiting(tx: &mut Tx, user_id: UserId) -> Result<u64> {
    statement::run(tx, DROP_WAITING, args![user_id.get()]).await
}

const DROP_WAITING: &str = "DELETE FROM ai_requests WHERE user_id = $1 AND status = 'consent'";

/// How many requests of the identity are still queued (the console waits for them).
pub async fn queued_for(store: &Store, channel: &str, chat_id: &str) -> Result<i64> {
    let mut connection = store.pool().acquire().await?;
    statement::value(&mut connection, QUEUED_FOR, args![channel, chat_id]).await
}

const QUEUED_FOR: &str =
    "SELECT COUNT(*) FROM ai_requests WHERE channel = $1 AND chat_id = $2 AND status = 'queued'";
