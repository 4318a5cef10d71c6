//! Note rows: free text attached to any record, with an `N` handle.

use super::records::{self, note_columns as columns};
use super::statement::{self, args};
use super::{Tx, handles};
use crate::crm::search_key::search_key;
use crate::crm::{Note, RecordId, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

records::from_columns!(Note, |row| {
    record_kind: row.get("record_kind")?,
    record_id: row.map("record_id", RecordId::new)?,
    body: row.get("body")?,
    author_user_id: row.map_opt("author_user_id", UserId::new)?,
    created_at: row.get("created_at")?,
});

/// Attaches a note to a record.
pub async fn insert(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
    body: &str,
    author: UserId,
) -> Result<Note> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Note).await?;
    let (key, now) = (search_key([body]), tx.now_millis());
    let (kind, record_id) = (kind.as_str(), record_id.get());
    let values = args![
        workspace_id.get(),
        handle_no,
        kind,
        record_id,
        body,
        key,
        author.get(),
        now
    ];
    statement::one(tx, INSERT, values).await
}

const INSERT: &str = concat!(
    "INSERT INTO notes (workspace_id, handle_no, record_kind, record_id, body, search_key,
        author_user_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING ",
    columns!()
);

records::lookups!(Note, crate::crm::NoteId);

/// Notes on a record, oldest first.
pub async fn on_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<Vec<Note>> {
    let values = args![workspace_id.get(), kind.as_str(), record_id.get()];
    statement::all(tx, ON_RECORD, values).await
}

const ON_RECORD: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3
      ORDER BY created_at, id"
);

/// Deletes the notes of a record that is being deleted, with the files attached to them.
pub async fn delete_on_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<()> {
    records::on_record(tx, DELETE_FILES, workspace_id, kind, record_id).await?;
    records::on_record(tx, DELETE, workspace_id, kind, record_id).await?;
    Ok(())
}

const DELETE_FILES: &str =
    "DELETE FROM files WHERE workspace_id = $1 AND record_kind = 'note' AND record_id IN (
         SELECT id FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3)";

const DELETE: &str =
    "DELETE FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";
