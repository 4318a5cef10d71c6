//! Deduplication of inbound updates: a channel's update id is recorded in the same
//! transaction as its effects, so a redelivered update (also a concurrent one) has one effect.

use super::Tx;
use super::statement::{self, args};
use crate::store::Result;

/// Records `(channel, update_id)`; `false` when it was already processed. On PostgreSQL a
/// concurrent duplicate waits here until the first transaction ends, then sees it.
pub async fn claim(tx: &mut Tx, channel: &str, update_id: &str) -> Result<bool> {
    let now = tx.now_millis();
    Ok(statement::run(tx, CLAIM, args![channel, update_id, now]).await? == 1)
}

const CLAIM: &str =
    "INSERT INTO processed_inbound (channel, update_id, processed_at) VALUES ($1, $2, $3)
     ON CONFLICT (channel, update_id) DO NOTHING";
