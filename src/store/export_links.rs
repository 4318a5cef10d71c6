//! One-time export links: a random token for a user's export file, usable once before it
//! expires; expired and used links are purged with their files by the retention job.

use super::Tx;
use super::statement::{self, args};
use crate::crm::UserId;
use crate::store::Result;

pub async fn create(
    tx: &mut Tx,
    token: &str,
    user_id: UserId,
    file_name: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    let values = args![token, user_id.get(), file_name, now, expires_at];
    statement::run(tx, CREATE, values).await?;
    Ok(())
}

const CREATE: &str = "INSERT INTO export_links (token, user_id, file_name, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)";

/// Uses a link: the file name and user when the token exists, is unused and has not
/// expired at `now`; it can never be used again.
pub async fn redeem(tx: &mut Tx, token: &str, now: i64) -> Result<Option<(String, UserId)>> {
    let row: Option<(String, i64)> = statement::optional(tx, REDEEM, args![token, now]).await?;
    Ok(row.map(|(file_name, user_id)| (file_name, UserId::new(user_id))))
}

const REDEEM: &str = "UPDATE export_links SET used_at = $2
     WHERE token = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING file_name, user_id";

/// Removes links that were used or have expired by `now`; returns their file names.
pub async fn purge(tx: &mut Tx, now: i64) -> Result<Vec<String>> {
    statement::values(tx, PURGE, args![now]).await
}

const PURGE: &str = "DELETE FROM export_links WHERE used_at IS NOT NULL OR expires_at <= $1
     RETURNING file_name";
