//! Deduplication of inbound updates: a channel's update id is recorded in the same
//! transaction as its effects, so a redelivered update (also a concurrent one) has one effect.

use super::Tx;
use crate::store::Result;

/// Records `(channel, update_id)`; `false` when it was already processed. On PostgreSQL a
/// concurrent duplicate waits here until the first transaction ends, then sees it.
pub async fn claim(tx: &mut Tx, channel: &str, update_id: &str) -> Result<bool> {
    let result = sqlx::query(
        "INSERT INTO processed_inbound (channel, update_id, processed_at) VALUES ($1, $2, $3)
         ON CONFLICT (channel, update_id) DO NOTHING",
    )
    .bind(channel)
    .bind(update_id)
    .bind(tx.now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}
