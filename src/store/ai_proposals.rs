//! Capture proposals: the records a capture card would create or update, as JSON, waiting
//! for the user's Confirm / Edit / Cancel until they expire. Nothing of a proposal is a
//! record before Confirm; claiming one (`settle`) is atomic, so a double press acts once.

use super::Tx;
use super::statement::{self, args};
use crate::crm::{UserId, WorkspaceId};
use crate::store::Result;

/// Open: the card's buttons still act.
pub const OPEN: &str = "open";
/// Confirmed: its records were written.
pub const CONFIRMED: &str = "confirmed";
/// Cancelled (or replaced by an edit).
pub const CANCELLED: &str = "cancelled";

/// A proposal as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProposalRow {
    pub id: i64,
    pub workspace_id: i64,
    pub user_id: i64,
    pub body: String,
    pub status: String,
    pub expires_at: i64,
}

/// Stores an open proposal of `user_id` in `workspace_id`; returns its id.
pub async fn insert(
    tx: &mut Tx,
    request_id: Option<i64>,
    workspace_id: WorkspaceId,
    user_id: UserId,
    body: &str,
    expires_at: i64,
) -> Result<i64> {
    let now = tx.now_millis();
    let (workspace_id, user_id) = (workspace_id.get(), user_id.get());
    let values = args![request_id, workspace_id, user_id, body, expires_at, now];
    statement::value(tx, INSERT, values).await
}

const INSERT: &str = "INSERT INTO ai_proposals
         (request_id, workspace_id, user_id, body, status, expires_at, created_at)
     VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id";

/// The proposal `id` of `user_id`, whatever its status.
pub async fn of_user(tx: &mut Tx, id: i64, user_id: UserId) -> Result<Option<ProposalRow>> {
    statement::optional(tx, OF_USER, args![id, user_id.get()]).await
}

const OF_USER: &str = "SELECT id, workspace_id, user_id, body, status, expires_at FROM ai_proposals
     WHERE id = $1 AND user_id = $2";

/// Moves an open proposal to `status`; `false` when it was not open any more.
pub async fn settle(tx: &mut Tx, id: i64, status: &str) -> Result<bool> {
    Ok(statement::run(tx, SETTLE, args![status, id]).await? == 1)
}

const SETTLE: &str = "UPDATE ai_proposals SET status = $1 WHERE id = $2 AND status = 'open'";
