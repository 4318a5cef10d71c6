//! Deleting any record (contact, company, deal, task, note) together with what is its own,
//! and counting beforehand what the deletion touches so the confirmation card can say it.
//!
//! The rule, the same for every kind: a record's own notes, its attached files (and the
//! files on those notes) and its timeline go with it; other records linked to it stay and
//! only lose the link (a company's contacts and deals, a contact's deals, the tasks on a
//! contact, company or deal), keeping their own history. Handles are never reused.

use super::Tx;
use super::statement::{self, args};
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

/// Records of another kind that link to one record and stay when it is deleted: the
/// statements that count them and that clear their link (`$1` the workspace, `$2` the
/// deleted record's id).
struct Link {
    count: &'static str,
    unlink: &'static str,
}

const CONTACTS_OF_COMPANY: Link = Link {
    count: "SELECT COUNT(*) FROM contacts WHERE workspace_id = $1 AND company_id = $2",
    unlink: "UPDATE contacts SET company_id = NULL WHERE workspace_id = $1 AND company_id = $2",
};
const DEALS_OF_CONTACT: Link = Link {
    count: "SELECT COUNT(*) FROM deals WHERE workspace_id = $1 AND contact_id = $2",
    unlink: "UPDATE deals SET contact_id = NULL WHERE workspace_id = $1 AND contact_id = $2",
};
const DEALS_OF_COMPANY: Link = Link {
    count: "SELECT COUNT(*) FROM deals WHERE workspace_id = $1 AND company_id = $2",
    unlink: "UPDATE deals SET company_id = NULL WHERE workspace_id = $1 AND company_id = $2",
};

/// The contacts and the deals that link to a record of `kind`, where that kind has them.
fn links(kind: RecordKind) -> (Option<Link>, Option<Link>) {
    match kind {
        RecordKind::Contact => (None, Some(DEALS_OF_CONTACT)),
        RecordKind::Company => (Some(CONTACTS_OF_COMPANY), Some(DEALS_OF_COMPANY)),
        RecordKind::Deal | RecordKind::Task | RecordKind::Note => (None, None),
    }
}

/// What deleting the record would take with it and what it would unlink.
pub async fn linked(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    id: RecordId,
) -> Result<Linked> {
    let of_record = || args![workspace_id.get(), kind.as_str(), id.get()];
    let notes = statement::value(tx, COUNT_NOTES, of_record()).await?;
    let files = statement::value(tx, COUNT_FILES, of_record()).await?;
    let tasks = statement::value(tx, COUNT_TASKS, of_record()).await?;
    let (contacts, deals) = links(kind);
    let contacts = count(tx, contacts, workspace_id, id).await?;
    let deals = count(tx, deals, workspace_id, id).await?;
    Ok(Linked {
        notes,
        files,
        contacts,
        deals,
        tasks,
    })
}

/// How many records link to record `id` through `link` (none for a link the kind lacks).
async fn count(
    tx: &mut Tx,
    link: Option<Link>,
    workspace_id: WorkspaceId,
    id: RecordId,
) -> Result<i64> {
    match link {
        Some(link) => statement::value(tx, link.count, args![workspace_id.get(), id.get()]).await,
        None => Ok(0),
    }
}

const COUNT_NOTES: &str =
    "SELECT COUNT(*) FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";

const COUNT_FILES: &str = "SELECT COUNT(*) FROM files WHERE workspace_id = $1 AND (
         (record_kind = $2 AND record_id = $3)
         OR (record_kind = 'note' AND record_id IN (
             SELECT id FROM notes WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3)))";

const COUNT_TASKS: &str =
    "SELECT COUNT(*) FROM tasks WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";

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
    let values = args![workspace_id.get(), kind.as_str(), id.get(), now];
    statement::run(tx, UNLINK_TASKS, values).await?;
    let (contacts, deals) = links(kind);
    for link in [contacts, deals].into_iter().flatten() {
        statement::run(tx, link.unlink, args![workspace_id.get(), id.get()]).await?;
    }
    let sql = match kind {
        RecordKind::Contact => "DELETE FROM contacts WHERE workspace_id = $1 AND id = $2",
        RecordKind::Company => "DELETE FROM companies WHERE workspace_id = $1 AND id = $2",
        RecordKind::Deal => "DELETE FROM deals WHERE workspace_id = $1 AND id = $2",
        RecordKind::Task => "DELETE FROM tasks WHERE workspace_id = $1 AND id = $2",
        RecordKind::Note => "DELETE FROM notes WHERE workspace_id = $1 AND id = $2",
    };
    Ok(statement::run(tx, sql, args![workspace_id.get(), id.get()]).await? > 0)
}

const UNLINK_TASKS: &str = "UPDATE tasks SET record_kind = NULL, record_id = NULL, updated_at = $4
     WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";
