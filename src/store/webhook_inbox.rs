//! The durable inbox of webhook deliveries: a signed delivery is recorded here before it
//! is acknowledged, then processed (by the request's own task right away, or by the inbox
//! worker after a crash or under load) and marked processed. Rows are leased while being
//! processed, so two processors never work on one row at once, and a processor that dies
//! releases its row when the lease ends. Processed rows are purged after a while: they
//! hold message content.

use sqlx::FromRow;

use super::{Backend, Store};

/// A delivery waiting to be processed.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub body: String,
    pub attempts: i64,
}

/// Records a delivery, leased by the caller until `leased_until` (use the receive time
/// to leave it to the worker); returns its id.
pub async fn record(
    store: &Store,
    channel: &str,
    body: &str,
    received_at: i64,
    leased_until: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO webhook_inbox (channel, body, received_at, next_attempt_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(channel)
    .bind(body)
    .bind(received_at)
    .bind(leased_until)
    .fetch_one(store.pool())
    .await
}

/// Leases up to `limit` unprocessed rows of `channel` that are due at `now`, oldest first.
pub async fn lease_due(
    store: &Store,
    channel: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> sqlx::Result<Vec<InboxRow>> {
    let sql = match store.backend() {
        Backend::Sqlite => {
            "UPDATE webhook_inbox SET next_attempt_at = $3
             WHERE id IN (SELECT id FROM webhook_inbox WHERE channel = $1 AND processed_at IS NULL
                          AND next_attempt_at <= $2 ORDER BY id LIMIT $4)
             RETURNING id, body, attempts"
        }
        Backend::Postgres => {
            "UPDATE webhook_inbox SET next_attempt_at = $3
             WHERE id IN (SELECT id FROM webhook_inbox WHERE channel = $1 AND processed_at IS NULL
                          AND next_attempt_at <= $2 ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
             RETURNING id, body, attempts"
        }
    };
    let mut rows: Vec<InboxRow> = sqlx::query_as(sql)
        .bind(channel)
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .fetch_all(store.pool())
        .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Marks a row processed (with the reason when it was given up on).
pub async fn mark_processed(
    store: &Store,
    id: i64,
    now: i64,
    error: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE webhook_inbox SET processed_at = $1, attempts = attempts + 1, error = $2
         WHERE id = $3",
    )
    .bind(now)
    .bind(error)
    .bind(id)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Schedules another attempt at `at` after a failure.
pub async fn retry_later(store: &Store, id: i64, at: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE webhook_inbox SET next_attempt_at = $1, attempts = attempts + 1, error = $2
         WHERE id = $3",
    )
    .bind(at)
    .bind(error)
    .bind(id)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Deletes rows processed before `before`; returns how many.
pub async fn purge_processed(store: &Store, before: i64) -> sqlx::Result<u64> {
    let result = sqlx::query(
        "DELETE FROM webhook_inbox WHERE processed_at IS NOT NULL AND processed_at < $1",
    )
    .bind(before)
    .execute(store.pool())
    .await?;
    Ok(result.rows_affected())
}
