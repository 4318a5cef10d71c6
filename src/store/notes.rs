//! Note rows: free text attached to any record, with an `N` handle.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::records::{self, note_columns as columns};
use super::{Tx, handles};
use crate::crm::search_key::search_key;
use crate::crm::{Note, NoteId, RecordId, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

impl<'r> FromRow<'r, AnyRow> for Note {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(Note {
            id: NoteId::new(row.try_get("id")?),
            workspace_id: WorkspaceId::new(row.try_get("workspace_id")?),
            handle_no: row.try_get("handle_no")?,
            record_kind: row.try_get("record_kind")?,
            record_id: RecordId::new(row.try_get("record_id")?),
            body: row.try_get("body")?,
            author_user_id: row
                .try_get::<Option<i64>, _>("author_user_id")?
                .map(UserId::new),
            created_at: row.try_get("created_at")?,
        })
    }
}

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
    Ok(sqlx::query_as(concat!(
        "INSERT INTO notes (workspace_id, handle_no, record_kind, record_id, body, search_key,
                            author_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ",
        columns!()
    ))
    .bind(workspace_id.get())
    .bind(handle_no)
    .bind(kind.as_str())
    .bind(record_id.get())
    .bind(body)
    .bind(search_key([body]))
    .bind(author.get())
    .bind(tx.now_millis())
    .fetch_one(&mut **tx)
    .await?)
}

records::lookups!(Note, crate::crm::NoteId);

/// Notes on a record, oldest first.
pub async fn on_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<Vec<Note>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3
         ORDER BY created_at, id"
    ))
    .bind(workspace_id.get())
    .bind(kind.as_str())
    .bind(record_id.get())
    .fetch_all(&mut **tx)
    .await?)
}

/// Deletes the notes of a record that is being deleted, with the files attached to them.
pub async fn delete_on_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<()> {
    let files =
        "DELETE FROM files WHERE workspace_id = $1 AND record_kind = 'note' AND record_id IN (
             SELECT id FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3)";
    records::on_record(tx, files, workspace_id, kind, record_id).await?;
    let notes = "DELETE FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";
    records::on_record(tx, notes, workspace_id, kind, record_id).await?;
    Ok(())
}
