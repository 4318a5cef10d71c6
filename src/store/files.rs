//! Files attached to records: stored with the record's workspace, deleted with the record
//! (or its workspace), and purged by retention should one outlive its record.

use super::{Backend, Tx};
use crate::crm::{FileId, RecordId, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

/// Stores a file on a record; returns its id.
pub async fn attach(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    record: (RecordKind, RecordId),
    file_name: &str,
    content: &[u8],
    actor: UserId,
    at: i64,
) -> Result<FileId> {
    Ok(FileId::new(sqlx::query_scalar(
        "INSERT INTO files (workspace_id, record_kind, record_id, file_name, size, content, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(workspace_id.get())
    .bind(record.0.as_str())
    .bind(record.1.get())
    .bind(file_name)
    .bind(content.len() as i64)
    .bind(content.to_vec())
    .bind(actor.get())
    .bind(at)
    .fetch_one(&mut **tx)
    .await?))
}

/// Deletes the files attached to a record that is being deleted.
pub async fn delete_for_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<u64> {
    let sql = "DELETE FROM files WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";
    super::records::on_record(tx, sql, workspace_id, kind, record_id).await
}

/// Deletes every file whose record no longer exists (retention); returns how many.
pub async fn purge_orphans(tx: &mut Tx) -> Result<u64> {
    let result = sqlx::query(
        "DELETE FROM files WHERE NOT EXISTS (
             SELECT 1 FROM contacts r WHERE files.record_kind = 'contact' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
             UNION ALL
             SELECT 1 FROM companies r WHERE files.record_kind = 'company' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
             UNION ALL
             SELECT 1 FROM deals r WHERE files.record_kind = 'deal' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
             UNION ALL
             SELECT 1 FROM tasks r WHERE files.record_kind = 'task' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
             UNION ALL
             SELECT 1 FROM notes r WHERE files.record_kind = 'note' AND r.workspace_id = files.workspace_id AND r.id = files.record_id)",
    )
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected())
}

/// What a workspace's files take, and what one user uploaded in every workspace, in bytes
/// (the two attachment quotas). On PostgreSQL the workspace and user rows are locked until
/// the transaction ends, so two attachments at once cannot both pass a quota (SQLite has one
/// writer anyway).
pub async fn quota_use(
    tx: &mut Tx,
    backend: Backend,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> Result<(u64, u64)> {
    if backend == Backend::Postgres {
        sqlx::query(
            "SELECT w.id FROM workspaces w, users u WHERE w.id = $1 AND u.id = $2
             FOR UPDATE",
        )
        .bind(workspace_id.get())
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    }
    let (workspace, user): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN workspace_id = $1 THEN size ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN created_by = $2 THEN size ELSE 0 END), 0) AS BIGINT)
         FROM files WHERE workspace_id = $1 OR created_by = $2",
    )
    .bind(workspace_id.get())
    .bind(user_id.get())
    .fetch_one(&mut **tx)
    .await?;
    let bytes = |sum: i64| u64::try_from(sum).unwrap_or_default();
    Ok((bytes(workspace), bytes(user)))
}
