//! Small per-channel values that must survive a restart (the Telegram polling offset).

use super::Store;
use crate::store::Result;

/// The value stored under `key`, if any.
pub async fn get(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM channel_state WHERE key = $1")
            .bind(key)
            .fetch_optional(store.pool())
            .await?,
    )
}

/// Stores `value` under `key`.
pub async fn set(store: &Store, key: &str, value: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO channel_state (key, value, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(value)
    .bind(store.now_millis())
    .execute(store.pool())
    .await?;
    Ok(())
}
