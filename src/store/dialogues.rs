//! Multi-step dialogue state, one row per channel identity, stored as JSON so a flow
//! survives a restart of the process in the middle.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Tx;
use super::statement::{self, args};
use crate::crm::IdentityId;
use crate::store::{Error, Result};

/// The dialogue of `identity_id`, if one is active and still readable.
pub async fn load<T: DeserializeOwned>(tx: &mut Tx, identity_id: IdentityId) -> Result<Option<T>> {
    let state: Option<String> = statement::value_opt(tx, LOAD, args![identity_id.get()]).await?;
    // A state written by an older version that no longer parses is dropped, not fatal.
    Ok(state.and_then(|s| serde_json::from_str(&s).ok()))
}

const LOAD: &str = "SELECT state FROM dialogues WHERE identity_id = $1";

/// Starts or advances the dialogue of `identity_id`.
pub async fn save<T: Serialize>(tx: &mut Tx, identity_id: IdentityId, state: &T) -> Result<()> {
    let json = serde_json::to_string(state).map_err(Error::encode)?;
    let now = tx.now_millis();
    statement::run(tx, SAVE, args![identity_id.get(), json, now]).await?;
    Ok(())
}

const SAVE: &str = "INSERT INTO dialogues (identity_id, state, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (identity_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at";

/// Ends the dialogue of `identity_id`; `true` when there was one.
pub async fn clear(tx: &mut Tx, identity_id: IdentityId) -> Result<bool> {
    Ok(statement::run(tx, CLEAR, args![identity_id.get()]).await? > 0)
}

const CLEAR: &str = "DELETE FROM dialogues WHERE identity_id = $1";
