//! Small per-channel values that must survive a restart (the Telegram polling offset).
//! They are read and written outside any transaction, on a connection of the pool.

use super::Store;
use super::statement::{self, args};
use crate::store::Result;

/// The value stored under `key`, if any.
pub async fn get(store: &Store, key: &str) -> Result<Option<String>> {
    let mut connection = store.pool().acquire().await?;
    statement::value_opt(&mut connection, GET, args![key]).await
}

const GET: &str = "SELECT value FROM channel_state WHERE key = $1";

/// Stores `value` under `key`.
pub async fn set(store: &Store, key: &str, value: &str) -> Result<()> {
    let mut connection = store.pool().acquire().await?;
    let now = store.now_millis();
    statement::run(&mut connection, SET, args![key, value, now]).await?;
    Ok(())
}

const SET: &str = "INSERT INTO channel_state (key, value, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
