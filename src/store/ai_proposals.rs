//! Capture proposals: the records a capture card would create or update, as JSON, waiting
//! for the user's Confirm / Edit / Cancel until they expire. Nothing of a proposal is a
//! record before Confirm; claiming one (`settle`) is atomic, so a double press acts once.

use super::Tx;
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
    Ok(sqlx::query_scalar(
        "INSERT INTO ai_proposals (request_id, workspace_id, user_id, body, status, expires_at, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id",
    )
    .bind(request_id)
    .bind(workspace_id.get())
    .bind(user_id.get())
    .bind(body)
    .bind(expires_at)
    .bind(tx.now_millis())
    .fetch_one(&mut **tx)
    .await?)
}

/// The proposal `id` of `user_id`, whatever its status.
pub async fn of_user(tx: &mut Tx, id: i64, user_id: UserId) -> Result<Option<ProposalRow>> {
    Ok(sqlx::query_as(
        "SELECT id, workspace_id, user_id, body, status, expires_at FROM ai_proposals
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id.get())
    .fetch_optional(&mut **tx)
    .await?)
}

/// Moves an open proposal to `status`; `false` when it was not open any more.
pub async fn settle(tx: &mut Tx, id: i64, status: &str) -> Result<bool> {
    Ok(
        sqlx::query("UPDATE ai_proposals SET status = $1 WHERE id = $2 AND status = 'open'")
            .bind(status)
            .bind(id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}
