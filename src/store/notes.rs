//! Note rows: free text attached to any record, with an `N` handle.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::records::{self, note_columns as columns};
use super::{Tx, handles};
use crate::crm::search_key::search_key;
use crate::crm::{Note, RecordKind};
use crate::store::Result;

impl<'r> FromRow<'r, AnyRow> for Note {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(Note {
            id: row.try_get("id")?,
            workspace_id: row.try_get("workspace_id")?,
            handle_no: row.try_get("handle_no")?,
            record_kind: row.try_get("record_kind")?,
            record_id: row.try_get("record_id")?,
            body: row.try_get("body")?,
            author_user_id: row.try_get("author_user_id")?,
            created_at: row.try_get("created_at")?,
        })
    }
}

/// Attaches a note to a record.
pub async fn insert(
    tx: &mut Tx,
    workspace_id: i64,
    kind: RecordKind,
    record_id: i64,
    body: &str,
    author: i64,
) -> Result<Note> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Note).await?;
    Ok(sqlx::query_as(concat!(
        "INSERT INTO notes (workspace_id, handle_no, record_kind, record_id, body, search_key,
                            author_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ",
        columns!()
    ))
    .bind(workspace_id)
    .bind(handle_no)
    .bind(kind.as_str())
    .bind(record_id)
    .bind(body)
    .bind(search_key([body]))
    .bind(author)
    .bind(tx.now_millis())
    .fetch_one(&mut **tx)
    .await?)
}

records::lookups!(Note);

/// Notes on a record, oldest first.
pub async fn on_record(
    tx: &mut Tx,
    workspace_id: i64,
    kind: RecordKind,
    record_id: i64,
) -> Result<Vec<Note>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3
         ORDER BY created_at, id"
    ))
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Deletes the notes of a record that is being deleted, with the files attached to them.
pub async fn delete_on_record(
    tx: &mut Tx,
    workspace_id: i64,
    kind: RecordKind,
    record_id: i64,
) -> Result<()> {
    let files =
        "DELETE FROM files WHERE workspace_id = $1 AND record_kind = 'note' AND record_id IN (
             SELECT id FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3)";
    records::on_record(tx, files, workspace_id, kind, record_id).await?;
    let notes = "DELETE FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";
    records::on_record(tx, notes, workspace_id, kind, record_id).await?;
    Ok(())
}
