//! Multi-step dialogue state, one row per channel identity, stored as JSON so a flow
//! survives a restart of the process in the middle.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Tx;
use crate::crm::IdentityId;
use crate::store::{Error, Result};

/// The dialogue of `identity_id`, if one is active and still readable.
pub async fn load<T: DeserializeOwned>(tx: &mut Tx, identity_id: IdentityId) -> Result<Option<T>> {
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM dialogues WHERE identity_id = $1")
            .bind(identity_id.get())
            .fetch_optional(&mut **tx)
            .await?;
    // A state written by an older version that no longer parses is dropped, not fatal.
    Ok(state.and_then(|s| serde_json::from_str(&s).ok()))
}

/// Starts or advances the dialogue of `identity_id`.
pub async fn save<T: Serialize>(tx: &mut Tx, identity_id: IdentityId, state: &T) -> Result<()> {
    let json = serde_json::to_string(state).map_err(Error::encode)?;
    sqlx::query(
        "INSERT INTO dialogues (identity_id, state, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (identity_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(identity_id.get())
    .bind(json)
    .bind(tx.now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends the dialogue of `identity_id`; `true` when there was one.
pub async fn clear(tx: &mut Tx, identity_id: IdentityId) -> Result<bool> {
    let result = sqlx::query("DELETE FROM dialogues WHERE identity_id = $1")
        .bind(identity_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected() > 0)
}
