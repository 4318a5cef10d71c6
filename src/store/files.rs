//! Files attached to records: stored with the record's workspace, deleted with the record
//! (or its workspace), and purged by retention should one outlive its record.

use super::statement::{self, args};
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
    let (kind, record_id) = (record.0.as_str(), record.1.get());
    let (size, content) = (content.len() as i64, content.to_vec());
    let values = args![
        workspace_id.get(),
        kind,
        record_id,
        file_name,
        size,
        content,
        actor.get(),
        at
    ];
    Ok(FileId::new(statement::value(tx, ATTACH, values).await?))
}

const ATTACH: &str = "INSERT INTO files (workspace_id, record_kind, record_id, file_name, size,
        content, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

/// Deletes the files attached to a record that is being deleted.
pub async fn delete_for_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<u64> {
    super::records::on_record(tx, DELETE, workspace_id, kind, record_id).await
}

const DELETE: &str =
    "DELETE FROM files WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";

/// `SELECT 1` when the row of `$table` that a file of kind `$kind` is attached to exists.
macro_rules! record_exists {
    ($table:ident, $kind:literal) => {
        concat!(
            "SELECT 1 FROM ",
            stringify!($table),
            " r WHERE files.record_kind = '",
            $kind,
            "' AND r.workspace_id = files.workspace_id AND r.id = files.record_id"
        )
    };
}

/// Deletes every file whose record no longer exists (retention); returns how many.
pub async fn purge_orphans(tx: &mut Tx) -> Result<u64> {
    statement::run(tx, PURGE_ORPHANS, args![]).await
}

/// The files whose record is gone: each kind's table checked for the row a file names.
const PURGE_ORPHANS: &str = concat!(
    "DELETE FROM files WHERE NOT EXISTS (",
    record_exists!(contacts, "contact"),
    " UNION ALL ",
    record_exists!(companies, "company"),
    " UNION ALL ",
    record_exists!(deals, "deal"),
    " UNION ALL ",
    record_exists!(tasks, "task"),
    " UNION ALL ",
    record_exists!(notes, "note"),
    ")"
);

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
        statement::run(tx, LOCK_OWNERS, args![workspace_id.get(), user_id.get()]).await?;
    }
    let values = args![workspace_id.get(), user_id.get()];
    let (workspace, user): (i64, i64) = statement::one(tx, QUOTA_USE, values).await?;
    let bytes = |sum: i64| u64::try_from(sum).unwrap_or_default();
    Ok((bytes(workspace), bytes(user)))
}

const LOCK_OWNERS: &str =
    "SELECT w.id FROM workspaces w, users u WHERE w.id = $1 AND u.id = $2 FOR UPDATE";

const QUOTA_USE: &str =
    "SELECT CAST(COALESCE(SUM(CASE WHEN workspace_id = $1 THEN size ELSE 0 END), 0) AS BIGINT),
            CAST(COALESCE(SUM(CASE WHEN created_by = $2 THEN size ELSE 0 END), 0) AS BIGINT)
     FROM files WHERE workspace_id = $1 OR created_by = $2";
