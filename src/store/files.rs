//! Files attached to records: stored with the record's workspace, deleted with it.

use super::{Backend, Tx};
use crate::crm::RecordKind;

/// Stores a file on a record; returns its id.
pub async fn attach(
    tx: &mut Tx,
    workspace_id: i64,
    record: (RecordKind, i64),
    file_name: &str,
    content: &[u8],
    actor: i64,
    at: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO files (workspace_id, record_kind, record_id, file_name, size, content, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(workspace_id)
    .bind(record.0.as_str())
    .bind(record.1)
    .bind(file_name)
    .bind(content.len() as i64)
    .bind(content.to_vec())
    .bind(actor)
    .bind(at)
    .fetch_one(&mut **tx)
    .await
}

/// The bytes of files workspace `workspace_id` keeps. On PostgreSQL the workspace row is
/// locked until the transaction ends, so two attachments at once cannot both pass the quota
/// (SQLite has one writer anyway).
pub async fn used_bytes(tx: &mut Tx, backend: Backend, workspace_id: i64) -> sqlx::Result<u64> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE")
            .bind(workspace_id)
            .execute(&mut **tx)
            .await?;
    }
    let used: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM files WHERE workspace_id = $1",
    )
    .bind(workspace_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(u64::try_from(used).unwrap_or_default())
}
