//! `google_oauth_states`: a /connect_google link waiting for Google's callback. The state is
//! kept only as its digest (`google::oauth::state_digest`), the PKCE verifier only sealed;
//! a state is taken (deleted) on its first use, whatever the outcome, so it works once.

use sqlx::FromRow;

use super::Tx;
use super::statement::{self, args};
use crate::crm::{IdentityId, UserId};
use crate::store::Result;

/// How long a connect link works: 10 minutes.
pub const STATE_TTL_MILLIS: i64 = 10 * 60 * 1000;

#[derive(FromRow)]
struct Row {
    user_id: i64,
    identity_id: i64,
    chat_id: String,
    verifier: String,
    expires_at: i64,
}

/// A started connection, as the callback finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingState {
    pub user_id: UserId,
    pub identity_id: IdentityId,
    pub chat_id: String,
    /// The PKCE verifier, sealed for (`google_oauth_states`, the digest, the user).
    pub verifier: String,
    pub expires_at: i64,
}

/// What [`create`] records.
#[derive(Debug, Clone, Copy)]
pub struct NewState<'a> {
    pub digest: &'a str,
    pub user_id: UserId,
    pub identity_id: IdentityId,
    pub chat_id: &'a str,
    pub sealed_verifier: &'a str,
}

/// Records a started connection valid for [`STATE_TTL_MILLIS`]; the user's earlier links
/// stop working (one link at a time), and expired states of anyone are dropped.
pub async fn create(tx: &mut Tx, state: NewState<'_>) -> Result<()> {
    let now = tx.now_millis();
    let user_id = state.user_id.get();
    statement::run(tx, DROP_EARLIER, args![user_id, now]).await?;
    let values = args![
        state.digest,
        user_id,
        state.identity_id.get(),
        state.chat_id,
        state.sealed_verifier,
        now,
        now + STATE_TTL_MILLIS
    ];
    statement::run(tx, CREATE, values).await?;
    Ok(())
}

const DROP_EARLIER: &str = "DELETE FROM google_oauth_states WHERE user_id = $1 OR expires_at <= $2";

const CREATE: &str = "INSERT INTO google_oauth_states
         (state_digest, user_id, identity_id, chat_id, verifier, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Takes the state with `digest` out (deleting it: a state is used once), expired or not;
/// `None` when there is none.
pub async fn take(tx: &mut Tx, digest: &str) -> Result<Option<PendingState>> {
    let row: Option<Row> = statement::optional(tx, TAKE, args![digest]).await?;
    Ok(row.map(|r| PendingState {
        user_id: UserId::new(r.user_id),
        identity_id: IdentityId::new(r.identity_id),
        chat_id: r.chat_id,
        verifier: r.verifier,
        expires_at: r.expires_at,
    }))
}

const TAKE: &str = "DELETE FROM google_oauth_states WHERE state_digest = $1
     RETURNING user_id, identity_id, chat_id, verifier, expires_at";

/// Drops every pending link of the user (on disconnect).
pub async fn delete_for_user(tx: &mut Tx, user_id: UserId) -> Result<()> {
    statement::run(tx, DELETE_FOR_USER, args![user_id.get()]).await?;
    Ok(())
}

const DELETE_FOR_USER: &str = "DELETE FROM google_oauth_states WHERE user_id = $1";

/// The channel of identity `identity_id` when it is still active (where a connect
/// confirmation goes).
pub async fn active_channel(tx: &mut Tx, identity_id: IdentityId) -> Result<Option<String>> {
    statement::value_opt(tx, ACTIVE_CHANNEL, args![identity_id.get()]).await
}

const ACTIVE_CHANNEL: &str = "SELECT channel FROM identities WHERE id = $1 AND active = 1";
