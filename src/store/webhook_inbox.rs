//! The durable inbox of webhook deliveries: a signed delivery is recorded here before it
//! is acknowledged, then processed (by the request's own task right away, or by the inbox
//! worker after a crash or under load) and marked processed. Rows are leased while being
//! processed, so two processors never work on one row at once, and a processor that dies
//! releases its row when the lease ends. One sender's deliveries are taken one at a time,
//! in the order they were sent (then arrival), across restarts and instances; different
//! senders go on in parallel. Processed rows are purged after a while: they hold message
//! content.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::{Backend, Store, Tx};
use crate::crm::InboxId;
use crate::store::Result;

/// How the `error` of a dead-lettered row starts.
pub const DEAD_LETTER: &str = "dead letter: ";

/// A delivery waiting to be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRow {
    pub id: InboxId,
    pub body: String,
    pub attempts: i64,
    /// When it was sent (the receive time for rows without a sender).
    pub sent_at: Option<i64>,
}

impl<'r> FromRow<'r, AnyRow> for InboxRow {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(InboxRow {
            id: InboxId::new(row.try_get("id")?),
            body: row.try_get("body")?,
            attempts: row.try_get("attempts")?,
            sent_at: row.try_get("sent_at")?,
        })
    }
}

/// Who sent a delivery and when: one sender's deliveries are processed in this order
/// (`sent_at`, then arrival), so a reply never reflects a later message before an earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderOrder {
    /// The channel's id of the sender (a WhatsApp wa_id).
    pub sender: String,
    /// When the sender's app sent it (UTC milliseconds).
    pub sent_at: i64,
}

/// The condition that row `r` is next for its sender: no earlier unprocessed delivery of
/// the same sender exists, and no other one is being processed (leased past `$now`, the
/// placeholder given), so one sender's deliveries never run at the same time.
macro_rules! next_of_its_sender {
    ($now:literal) => {
        concat!(
            "(r.sender_key IS NULL OR NOT EXISTS (
                 SELECT 1 FROM webhook_inbox e
                 WHERE e.channel = r.channel AND e.sender_key = r.sender_key
                   AND e.processed_at IS NULL AND e.id <> r.id
                   AND (e.sent_at < r.sent_at OR (e.sent_at = r.sent_at AND e.id < r.id)
                        OR e.next_attempt_at > ",
            $now,
            ")))"
        )
    };
}

/// Records a delivery (due at once) and returns its id. With `claim_until`, the caller
/// also leases it until then, but only when no other delivery of the same sender is still
/// waiting or running: the second value says whether the caller got it (else the worker
/// takes it in order). Insert and claim are one transaction; on PostgreSQL deliveries of one sender
/// are recorded one at a time, so the ordering check sees every earlier row.
pub async fn record(
    store: &Store,
    channel: &str,
    order: Option<&SenderOrder>,
    body: &str,
    received_at: i64,
    claim_until: Option<i64>,
) -> Result<(InboxId, bool)> {
    let mut tx = store.begin().await?;
    if let (Backend::Postgres, Some(order)) = (store.backend(), order) {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('chatcrm-inbox:' || $1 || ':' || $2))")
            .bind(channel)
            .bind(&order.sender)
            .execute(&mut *tx)
            .await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO webhook_inbox (channel, body, received_at, next_attempt_at, sender_key, sent_at)
         VALUES ($1, $2, $3, $3, $4, $5) RETURNING id",
    )
    .bind(channel)
    .bind(body)
    .bind(received_at)
    .bind(order.map(|o| o.sender.as_str()))
    .bind(order.map_or(received_at, |o| o.sent_at))
    .fetch_one(&mut *tx)
    .await?;
    let mut claimed = false;
    if let Some(until) = claim_until {
        // Only when nothing else of the sender is waiting or running: a row another
        // instance is leasing right now may not look leased yet, so "earlier or leased"
        // is not enough here.
        let sql = "UPDATE webhook_inbox SET next_attempt_at = $1
             WHERE id = $2 AND id IN (SELECT r.id FROM webhook_inbox r WHERE r.id = $2 AND
                 (r.sender_key IS NULL OR NOT EXISTS (
                     SELECT 1 FROM webhook_inbox e
                     WHERE e.channel = r.channel AND e.sender_key = r.sender_key
                       AND e.processed_at IS NULL AND e.id <> r.id)))
             RETURNING id";
        claimed = sqlx::query_scalar::<_, i64>(sql)
            .bind(until)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
    }
    tx.commit().await?;
    Ok((InboxId::new(id), claimed))
}

/// Leases up to `limit` unprocessed rows of `channel` that are due at `now`: of each
/// sender only the earliest unprocessed delivery (the next one waits until it is
/// processed), in the order they were sent.
pub async fn lease_due(
    store: &Store,
    channel: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<InboxRow>> {
    let sql = match store.backend() {
        Backend::Sqlite => concat!(
            "UPDATE webhook_inbox SET next_attempt_at = $3
             WHERE id IN (SELECT r.id FROM webhook_inbox r WHERE r.channel = $1
                          AND r.processed_at IS NULL AND r.next_attempt_at <= $2 AND ",
            next_of_its_sender!("$2"),
            " ORDER BY r.sent_at, r.id LIMIT $4)
             RETURNING id, body, attempts, sent_at"
        ),
        Backend::Postgres => concat!(
            "UPDATE webhook_inbox SET next_attempt_at = $3
             WHERE id IN (SELECT r.id FROM webhook_inbox r WHERE r.channel = $1
                          AND r.processed_at IS NULL AND r.next_attempt_at <= $2 AND ",
            next_of_its_sender!("$2"),
            " ORDER BY r.sent_at, r.id LIMIT $4 FOR UPDATE SKIP LOCKED)
             RETURNING id, body, attempts, sent_at"
        ),
    };
    let mut tx = store.begin().await?;
    if store.backend() == Backend::Postgres {
        // Instances lease one at a time: under READ COMMITTED the ordering check cannot see
        // another instance's lease before it commits. (SQLite has one writer anyway.)
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('chatcrm-inbox-lease:' || $1))")
            .bind(channel)
            .execute(&mut *tx)
            .await?;
    }
    let mut rows: Vec<InboxRow> = sqlx::query_as(sql)
        .bind(channel)
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    rows.sort_by_key(|r| (r.sent_at, r.id));
    Ok(rows)
}

/// Marks a row processed (a row given up on is a [`dead_letter`]).
pub async fn mark_processed(store: &Store, id: InboxId, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE webhook_inbox SET processed_at = $1, attempts = attempts + 1, error = NULL
         WHERE id = $2",
    )
    .bind(now)
    .bind(id.get())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Gives up on a row for good (a dead letter): processed, its error kept, unless it was
/// settled meanwhile; `true` when this call did it (so its consequences happen once).
pub async fn dead_letter(tx: &mut Tx, id: InboxId, now: i64, error: &str) -> Result<bool> {
    let reason: String = format!("{DEAD_LETTER}{error}").chars().take(500).collect();
    let result = sqlx::query(
        "UPDATE webhook_inbox SET processed_at = $1, attempts = attempts + 1, error = $2
         WHERE id = $3 AND processed_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(id.get())
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// How many deliveries of `channel` were dead-lettered since `since` (rows are kept for
/// an hour after they were settled).
pub async fn dead_letters_since(store: &Store, channel: &str, since: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM webhook_inbox
         WHERE channel = $1 AND processed_at >= $2 AND error LIKE $3",
    )
    .bind(channel)
    .bind(since)
    .bind(format!("{DEAD_LETTER}%"))
    .fetch_one(store.pool())
    .await?)
}

/// Schedules another attempt at `at` after a failure.
pub async fn retry_later(store: &Store, id: InboxId, at: i64, error: &str) -> Result<()> {
    sqlx::query(
        "UPDATE webhook_inbox SET next_attempt_at = $1, attempts = attempts + 1, error = $2
         WHERE id = $3",
    )
    .bind(at)
    .bind(error)
    .bind(id.get())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Deletes rows processed before `before`; returns how many.
pub async fn purge_processed(store: &Store, before: i64) -> Result<u64> {
    let result = sqlx::query(
        "DELETE FROM webhook_inbox WHERE processed_at IS NOT NULL AND processed_at < $1",
    )
    .bind(before)
    .execute(store.pool())
    .await?;
    Ok(result.rows_affected())
}
