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

use super::lease::{self, Lease};
use super::statement::{self, args};
use super::{Store, Tx};
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
/// the same sender exists, and no other one is being processed (leased past `$1`, now), so
/// one sender's deliveries never run at the same time.
macro_rules! next_of_its_sender {
    () => {
        "(r.sender_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM webhook_inbox e
             WHERE e.channel = r.channel AND e.sender_key = r.sender_key
               AND e.processed_at IS NULL AND e.id <> r.id
               AND (e.sent_at < r.sent_at OR (e.sent_at = r.sent_at AND e.id < r.id)
                    OR e.next_attempt_at > $1)))"
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
    if let Some(order) = order {
        let key = format!("chatcrm-inbox:{channel}:{}", order.sender);
        lease::one_at_a_time(&mut tx, store.backend(), &key).await?;
    }
    let sender = order.map(|o| o.sender.as_str());
    let sent_at = order.map_or(received_at, |o| o.sent_at);
    let values = args![channel, body, received_at, sender, sent_at];
    let id: i64 = statement::value(&mut tx, RECORD, values).await?;
    let mut claimed = false;
    if let Some(until) = claim_until {
        // Only when nothing else of the sender is waiting or running: a row another
        // instance is leasing right now may not look leased yet, so "earlier or leased"
        // is not enough here.
        let got: Option<i64> = statement::value_opt(&mut tx, CLAIM, args![until, id]).await?;
        claimed = got.is_some();
    }
    tx.commit().await?;
    Ok((InboxId::new(id), claimed))
}

const RECORD: &str = "INSERT INTO webhook_inbox
         (channel, body, received_at, next_attempt_at, sender_key, sent_at)
     VALUES ($1, $2, $3, $3, $4, $5) RETURNING id";

const CLAIM: &str = "UPDATE webhook_inbox SET next_attempt_at = $1
     WHERE id = $2 AND id IN (SELECT r.id FROM webhook_inbox r WHERE r.id = $2 AND
         (r.sender_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM webhook_inbox e
             WHERE e.channel = r.channel AND e.sender_key = r.sender_key
               AND e.processed_at IS NULL AND e.id <> r.id)))
     RETURNING id";

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
    let mut tx = store.begin().await?;
    let key = format!("chatcrm-inbox-lease:{channel}");
    lease::one_at_a_time(&mut tx, store.backend(), &key).await?;
    let values = args![now, lease_until, limit, channel];
    let mut rows: Vec<InboxRow> = LEASE.take(&mut tx, store.backend(), values).await?;
    tx.commit().await?;
    rows.sort_by_key(|r| (r.sent_at, r.id));
    Ok(rows)
}

const LEASE: Lease = lease::sql!(
    table: webhook_inbox r,
    set: "next_attempt_at = $2",
    due: concat!(
        "r.channel = $4 AND r.processed_at IS NULL AND r.next_attempt_at <= $1 AND ",
        next_of_its_sender!()
    ),
    order: "r.sent_at, r.id",
    returning: "id, body, attempts, sent_at",
);

/// Marks a row processed (a row given up on is a [`dead_letter`]).
pub async fn mark_processed(store: &Store, id: InboxId, now: i64) -> Result<()> {
    let mut connection = store.pool().acquire().await?;
    statement::run(&mut connection, MARK_PROCESSED, args![now, id.get()]).await?;
    Ok(())
}

const MARK_PROCESSED: &str =
    "UPDATE webhook_inbox SET processed_at = $1, attempts = attempts + 1, error = NULL
     WHERE id = $2";

/// Gives up on a row for good (a dead letter): processed, its error kept, unless it was
/// settled meanwhile; `true` when this call did it (so its consequences happen once).
pub async fn dead_letter(tx: &mut Tx, id: InboxId, now: i64, error: &str) -> Result<bool> {
    let reason: String = format!("{DEAD_LETTER}{error}").chars().take(500).collect();
    Ok(statement::run(tx, DEAD_LETTER_ROW, args![now, reason, id.get()]).await? == 1)
}

const DEAD_LETTER_ROW: &str =
    "UPDATE webhook_inbox SET processed_at = $1, attempts = attempts + 1, error = $2
     WHERE id = $3 AND processed_at IS NULL";

/// How many deliveries of `channel` were dead-lettered since `since` (rows are kept for
/// an hour after they were settled).
pub async fn dead_letters_since(store: &Store, channel: &str, since: i64) -> Result<i64> {
    let values = args![channel, since, format!("{DEAD_LETTER}%")];
    let mut connection = store.pool().acquire().await?;
    statement::value(&mut connection, DEAD_LETTERS_SINCE, values).await
}

const DEAD_LETTERS_SINCE: &str = "SELECT COUNT(*) FROM webhook_inbox
     WHERE channel = $1 AND processed_at >= $2 AND error LIKE $3";

/// Schedules another attempt at `at` after a failure.
pub async fn retry_later(store: &Store, id: InboxId, at: i64, error: &str) -> Result<()> {
    let mut connection = store.pool().acquire().await?;
    statement::run(&mut connection, RETRY_LATER, args![at, error, id.get()]).await?;
    Ok(())
}

const RETRY_LATER: &str =
    "UPDATE webhook_inbox SET next_attempt_at = $1, attempts = attempts + 1, error = $2
     WHERE id = $3";

/// Deletes rows processed before `before`; returns how many.
pub async fn purge_processed(store: &Store, before: i64) -> Result<u64> {
    let mut connection = store.pool().acquire().await?;
    statement::run(&mut connection, PURGE_PROCESSED, args![before]).await
}

const PURGE_PROCESSED: &str =
    "DELETE FROM webhook_inbox WHERE processed_at IS NOT NULL AND processed_at < $1";
