//! Pending choices: the buttons of the last question (confirmation card) sent to a channel
//! identity, stored as JSON with the chat they were sent to and an expiry, so a typed answer
//! still finds them after a restart. One row per identity; see `router::pending_choice`.

use super::Tx;
use crate::channel::Choice;

/// The choices waiting for `identity_id` in `chat_id`, unless expired at `now`.
pub async fn load(
    tx: &mut Tx,
    identity_id: i64,
    chat_id: &str,
    now: i64,
) -> sqlx::Result<Option<Vec<Choice>>> {
    let stored: Option<String> = sqlx::query_scalar(
        "SELECT choices FROM pending_choices
         WHERE identity_id = $1 AND chat_id = $2 AND expires_at > $3",
    )
    .bind(identity_id)
    .bind(chat_id)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    // Choices written by another version that no longer parse are no question at all.
    Ok(stored
        .and_then(|s| serde_json::from_str::<Vec<(String, String)>>(&s).ok())
        .map(|pairs| {
            pairs
                .into_iter()
                .map(|(label, data)| Choice::new(label, data))
                .collect()
        }))
}

/// Makes `choices` the question waiting for `identity_id` in `chat_id` until `expires_at`.
pub async fn save(
    tx: &mut Tx,
    identity_id: i64,
    chat_id: &str,
    choices: &[Choice],
    expires_at: i64,
) -> sqlx::Result<()> {
    let pairs: Vec<(&str, &str)> = choices
        .iter()
        .map(|c| (c.label.as_str(), c.data.as_str()))
        .collect();
    let json = serde_json::to_string(&pairs).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO pending_choices (identity_id, chat_id, choices, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (identity_id) DO UPDATE
         SET chat_id = excluded.chat_id, choices = excluded.choices, expires_at = excluded.expires_at",
    )
    .bind(identity_id)
    .bind(chat_id)
    .bind(json)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Drops the question waiting for `identity_id`, if any.
pub async fn clear(tx: &mut Tx, identity_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM pending_choices WHERE identity_id = $1")
        .bind(identity_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
