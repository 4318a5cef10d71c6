//! Deleting any record (contact, company, deal, task, note) together with what is its own,
//! and counting beforehand what the deletion touches so the confirmation card can say it.
//!
//! The rule, the same for every kind: a record's own notes, its attached files (and the
//! files on those notes) and its timeline go with it; other records linked to it stay and
//! only lose the link (a company's contacts and deals, a contact's deals, the tasks on a
//! contact, company or deal), keeping their own history. Handles are never reused.

use super::Tx;
use crate::crm::{RecordId, RecordKind, WorkspaceId};
use crate::store::Result;

/// A record as the deletion card names it, found by handle or id (`find`).
pub use super::records::{Key, Named as Target, named as find};

/// What deleting a record takes with it and what it leaves without a link.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Linked {
    /// Notes on the record: deleted with it.
    pub notes: i64,
    /// Files on the record or on its notes: deleted with it.
    pub files: i64,
    /// Contacts of a company: kept, link cleared.
    pub contacts: i64,
    /// Deals of a contact or company: kept, link cleared.
    pub deals: i64,
    /// Tasks on the record: kept, link cleared.
    pub tasks: i64,
}

async fn count(
    tx: &mut Tx,
    sql: &'static str,
    workspace_id: WorkspaceId,
    kind: &str,
    id: RecordId,
) -> Result<i64> {
    Ok(sqlx::query_scalar(sql)
        .bind(workspace_id.get())
        .bind(kind)
        .bind(id.get())
        .fetch_one(&mut **tx)
        .await?)
}

async fn count_linked(
    tx: &mut Tx,
    sql: &'static str,
    workspace_id: WorkspaceId,
    id: RecordId,
) -> Result<i64> {
    Ok(sqlx::query_scalar(sql)
        .bind(workspace_id.get())
        .bind(id.get())
        .fetch_one(&mut **tx)
        .await?)
}

/// What deleting the record would take with it and what it would unlink.
pub async fn linked(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    id: RecordId,
) -> Result<Linked> {
    let k = kind.as_str();
    let notes = count(
        tx,
        "SELECT COUNT(*) FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3",
        workspace_id,
        k,
        id,
    )
    .await?;
    let files = count(
        tx,
        "SELECT COUNT(*) FROM files WHERE workspace_id = $1 AND (
             (record_kind = $2 AND record_id = $3)
             OR (record_kind = 'note' AND record_id IN (
                 SELECT id FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3)))",
        workspace_id,
        k,
        id,
    )
    .await?;
    let tasks = count(
        tx,
        "SELECT COUNT(*) FROM tasks WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3",
        workspace_id,
        k,
        id,
    )
    .await?;
    let contacts = if kind == RecordKind::Company {
        count_linked(
            tx,
            "SELECT COUNT(*) FROM contacts WHERE workspace_id = $1 AND company_id = $2",
            workspace_id,
            id,
        )
        .await?
    } else {
        0
    };
    let deals = match kind {
        RecordKind::Contact => {
            count_linked(
                tx,
                "SELECT COUNT(*) FROM deals WHERE workspace_id = $1 AND contact_id = $2",
                workspace_id,
                id,
            )
            .await?
        }
        RecordKind::Company => {
            count_linked(
                tx,
                "SELECT COUNT(*) FROM deals WHERE workspace_id = $1 AND company_id = $2",
                workspace_id,
                id,
            )
            .await?
        }
        _ => 0,
    };
    Ok(Linked {
        notes,
        files,
        contacts,
        deals,
        tasks,
    })
}

async fn execute(
    tx: &mut Tx,
    sql: &'static str,
    workspace_id: WorkspaceId,
    id: RecordId,
) -> Result<u64> {
    let result = sqlx::query(sql)
        .bind(workspace_id.get())
        .bind(id.get())
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected())
}

/// Deletes the record with its notes, files and timeline, and clears the links other
/// records had to it. `false` when there was no such record in the workspace.
pub async fn delete(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    id: RecordId,
    now: i64,
) -> Result<bool> {
    super::activities::delete_for_record(tx, workspace_id, kind, id).await?;
    super::notes::delete_on_record(tx, workspace_id, kind, id).await?;
    super::files::delete_for_record(tx, workspace_id, kind, id).await?;
    sqlx::query(
        "UPDATE tasks SET record_kind = NULL, record_id = NULL, updated_at = $4
         WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3",
    )
    .bind(workspace_id.get())
    .bind(kind.as_str())
    .bind(id.get())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    match kind {
        RecordKind::Contact => {
            execute(
                tx,
                "UPDATE deals SET contact_id = NULL WHERE workspace_id = $1 AND contact_id = $2",
                workspace_id,
                id,
            )
            .await?;
        }
        RecordKind::Company => {
            execute(
                tx,
                "UPDATE contacts SET company_id = NULL WHERE workspace_id = $1 AND company_id = $2",
                workspace_id,
                id,
            )
            .await?;
            execute(
                tx,
                "UPDATE deals SET company_id = NULL WHERE workspace_id = $1 AND company_id = $2",
                workspace_id,
                id,
            )
            .await?;
        }
        RecordKind::Deal | RecordKind::Task | RecordKind::Note => {}
    }
    let sql = match kind {
        RecordKind::Contact => "DELETE FROM contacts WHERE workspace_id = $1 AND id = $2",
        RecordKind::Company => "DELETE FROM companies WHERE workspace_id = $1 AND id = $2",
        RecordKind::Deal => "DELETE FROM deals WHERE workspace_id = $1 AND id = $2",
        RecordKind::Task => "DELETE FROM tasks WHERE workspace_id = $1 AND id = $2",
        RecordKind::Note => "DELETE FROM notes WHERE workspace_id = $1 AND id = $2",
    };
    Ok(execute(tx, sql, workspace_id, id).await? > 0)
}
