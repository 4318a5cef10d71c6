//! Files attached to records: stored with the record's workspace, deleted with it.

use super::Tx;
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
