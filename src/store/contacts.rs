//! Contact rows: create, find by handle, email or phone, list and search, save and delete.
//! Every query is scoped to one workspace.

use super::records;
use super::statement::{self, args};
use super::{Tx, handles, search};
use crate::crm::duplicate;
use crate::crm::search_key::search_key;
use crate::crm::{CompanyId, Contact, ContactDraft, Email, Phone, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

/// The same columns unqualified, for `RETURNING` (SQLite refuses qualified names there).
macro_rules! returning {
    () => {
        "id, workspace_id, handle_no, name, phone, email, position, company_id, created_at, updated_at"
    };
}

records::from_columns!(Contact, |row| {
    name: row.get("name")?,
    phone: row.map_opt("phone", Phone::from_stored)?,
    email: row.map_opt("email", Email::from_stored)?,
    position: row.get("position")?,
    company_id: row.map_opt("company_id", CompanyId::new)?,
    created_at: row.get("created_at")?,
    updated_at: row.get("updated_at")?,
});

/// The words a contact is found by: its fields, and its phone also without the country code.
fn key_of(
    name: &str,
    phone: Option<&Phone>,
    email: Option<&Email>,
    position: Option<&str>,
) -> String {
    let national = phone.map(Phone::national_digits).unwrap_or_default();
    search_key([
        name,
        phone.map_or("", Phone::as_str),
        &national,
        email.map_or("", Email::as_str),
        position.unwrap_or(""),
    ])
}

/// Creates a contact with the next `C` handle of the workspace.
pub async fn insert(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    draft: &ContactDraft,
    company_id: Option<CompanyId>,
    actor: Option<UserId>,
) -> Result<Contact> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Contact).await?;
    let now = tx.now_millis();
    let (phone, email) = (draft.phone.as_ref(), draft.email.as_ref());
    let key = key_of(&draft.name, phone, email, draft.position.as_deref());
    let (phone, email) = (phone.map(Phone::as_str), email.map(Email::as_str));
    let (company_id, actor) = (company_id.map(CompanyId::get), actor.map(UserId::get));
    let values = args![
        workspace_id.get(),
        handle_no,
        &draft.name,
        phone,
        email,
        &draft.position,
        company_id,
        key,
        actor,
        now
    ];
    statement::one(tx, INSERT, values).await
}

const INSERT: &str = concat!(
    "INSERT INTO contacts (workspace_id, handle_no, name, phone, email, position, company_id,
        search_key, owner_user_id, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $10)
     RETURNING ",
    returning!()
);

records::lookups!(Contact, crate::crm::ContactId);

/// The first contact in the workspace with this email or this phone (import matching).
pub async fn by_email_or_phone(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    email: Option<&Email>,
    phone: Option<&Phone>,
) -> Result<Option<Contact>> {
    if email.is_none() && phone.is_none() {
        return Ok(None);
    }
    let (email, phone) = (email.map(Email::as_str), phone.map(Phone::as_str));
    let values = args![workspace_id.get(), email, phone];
    statement::optional(tx, BY_EMAIL_OR_PHONE, values).await
}

const BY_EMAIL_OR_PHONE: &str = records::select!(
    contacts,
    " AND (c.email = $2 OR c.phone = $3)
      ORDER BY c.handle_no LIMIT 1"
);

/// Contacts that may be the same person as `draft`: the same phone or email, or a name
/// whose folded form starts the search key (filtered exactly by [`duplicate::best`]).
pub async fn likely_duplicates(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    draft: &ContactDraft,
) -> Result<Vec<Contact>> {
    let pattern = duplicate::name_prefix_pattern(&draft.name);
    let phone = draft.phone.as_ref().map(Phone::as_str);
    let email = draft.email.as_ref().map(Email::as_str);
    let values = args![workspace_id.get(), phone, email, pattern];
    statement::all(tx, LIKELY_DUPLICATES, values).await
}

const LIKELY_DUPLICATES: &str = records::select!(
    contacts,
    " AND (c.phone = $2 OR lower(c.email) = lower($3) OR c.search_key LIKE $4)
      ORDER BY c.handle_no LIMIT 200"
);

/// The contacts of a company, by handle.
pub async fn of_company(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    company_id: CompanyId,
) -> Result<Vec<Contact>> {
    statement::all(tx, OF_COMPANY, args![workspace_id.get(), company_id.get()]).await
}

const OF_COMPANY: &str = records::select!(
    contacts,
    " AND c.company_id = $2 ORDER BY c.handle_no LIMIT 50"
);

search::searchable_page!(Contact);

/// Writes every field of `contact` back (after an edit) and refreshes its search key.
pub async fn save(tx: &mut Tx, contact: &Contact) -> Result<()> {
    let (phone, email) = (contact.phone.as_ref(), contact.email.as_ref());
    let key = key_of(&contact.name, phone, email, contact.position.as_deref());
    let (phone, email) = (phone.map(Phone::as_str), email.map(Email::as_str));
    let company_id = contact.company_id.map(CompanyId::get);
    let now = tx.now_millis();
    let (id, workspace_id) = (contact.id.get(), contact.workspace_id.get());
    let values = args![
        &contact.name,
        phone,
        email,
        &contact.position,
        company_id,
        key,
        now,
        id,
        workspace_id
    ];
    statement::run(tx, SAVE, values).await?;
    Ok(())
}

const SAVE: &str = "UPDATE contacts SET name = $1, phone = $2, email = $3, position = $4,
        company_id = $5, search_key = $6, updated_at = $7
     WHERE id = $8 AND workspace_id = $9";
