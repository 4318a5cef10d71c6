//! The transactional outbox: replies and reminders are written in the same transaction as
//! the change that caused them, and channel senders deliver them afterwards. A crash between
//! commit and delivery loses nothing: pending rows are delivered after a restart.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::{Backend, Tx, now_millis};
use crate::channel::Reply;

/// A message waiting to be delivered.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub identity_id: Option<i64>,
    pub channel: String,
    pub chat_id: String,
    pub body: String,
    pub attempts: i64,
}

impl OutboxRow {
    /// The reply this row carries (an unreadable body becomes an empty reply).
    pub fn reply(&self) -> Reply {
        serde_json::from_str::<StoredReply>(&self.body)
            .map(Reply::from)
            .unwrap_or_default()
    }
}

/// How a reply is stored in `outbox.body`.
#[derive(Debug, Serialize, Deserialize)]
struct StoredReply {
    text: String,
    #[serde(default)]
    choices: Vec<(String, String)>,
}

impl From<StoredReply> for Reply {
    fn from(stored: StoredReply) -> Self {
        Reply {
            text: stored.text,
            choices: stored
                .choices
                .into_iter()
                .map(|(label, data)| crate::channel::Choice { label, data })
                .collect(),
        }
    }
}

fn encode(reply: &Reply) -> String {
    let stored = StoredReply {
        text: reply.text.clone(),
        choices: reply
            .choices
            .iter()
            .map(|c| (c.label.clone(), c.data.clone()))
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Queues `reply` to a channel identity's chat.
pub async fn enqueue(tx: &mut Tx, identity_id: i64, reply: &Reply) -> sqlx::Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO outbox (identity_id, channel, chat_id, body, next_attempt_at, created_at)
         SELECT id, channel, chat_id, $2, $3, $3 FROM identities WHERE id = $1 AND active = 1",
    )
    .bind(identity_id)
    .bind(encode(reply))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Queues `reply` to the chat the user wrote from last (or any active identity of theirs);
/// `false` when the user has no active identity.
pub async fn enqueue_for_user(tx: &mut Tx, user_id: i64, reply: &Reply) -> sqlx::Result<bool> {
    let identity: Option<i64> = sqlx::query_scalar(
        "SELECT i.id FROM identities i JOIN users u ON u.id = i.user_id
         WHERE i.user_id = $1 AND i.active = 1
         ORDER BY CASE WHEN i.id = u.last_identity_id THEN 0 ELSE 1 END, i.id LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&mut **tx)
    .await?;
    match identity {
        Some(identity_id) => {
            enqueue(tx, identity_id, reply).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Pending rows of `channel` (optionally one chat) whose next attempt is due, oldest first.
/// On PostgreSQL the rows are locked with `SKIP LOCKED` until the transaction ends.
pub async fn pending(
    tx: &mut Tx,
    backend: Backend,
    channel: &str,
    chat_id: Option<&str>,
    now: i64,
    limit: i64,
) -> sqlx::Result<Vec<OutboxRow>> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT id, identity_id, channel, chat_id, body, attempts FROM outbox
             WHERE channel = $1 AND status = 'pending' AND next_attempt_at <= $2
               AND ($3 IS NULL OR chat_id = $3)
             ORDER BY id LIMIT $4"
        }
        Backend::Postgres => {
            "SELECT id, identity_id, channel, chat_id, body, attempts FROM outbox
             WHERE channel = $1 AND status = 'pending' AND next_attempt_at <= $2
               AND ($3 IS NULL OR chat_id = $3)
             ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED"
        }
    };
    sqlx::query_as(sql)
        .bind(channel)
        .bind(now)
        .bind(chat_id)
        .bind(limit)
        .fetch_all(&mut **tx)
        .await
}

/// Marks a row delivered, with the channel's message id when it gave one.
pub async fn mark_sent(
    tx: &mut Tx,
    id: i64,
    provider_message_id: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1,
                provider_message_id = $2, error = NULL
         WHERE id = $3",
    )
    .bind(now_millis())
    .bind(provider_message_id)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Schedules another attempt at `next_attempt_at` after a temporary failure.
pub async fn retry_later(
    tx: &mut Tx,
    id: i64,
    next_attempt_at: i64,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, error = $2 WHERE id = $3",
    )
    .bind(next_attempt_at)
    .bind(error)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Gives up on a row (permanent failure); it stays for inspection.
pub async fn mark_failed(tx: &mut Tx, id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = $1 WHERE id = $2",
    )
    .bind(error)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
