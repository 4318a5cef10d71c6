//! Contact rows: create, find by handle, email or phone, list and search, save and delete.
//! Every query is scoped to one workspace.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::records::{self, contact_columns as columns};
use super::{Tx, handles, search};
use crate::crm::duplicate;
use crate::crm::search_key::search_key;
use crate::crm::{
    CompanyId, Contact, ContactDraft, ContactId, Email, Phone, RecordKind, UserId, WorkspaceId,
};
use crate::store::Result;

/// The same columns unqualified, for `RETURNING` (SQLite refuses qualified names there).
macro_rules! returning {
    () => {
        "id, workspace_id, handle_no, name, phone, email, position, company_id, created_at, updated_at"
    };
}

impl<'r> FromRow<'r, AnyRow> for Contact {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(Contact {
            id: ContactId::new(row.try_get("id")?),
            workspace_id: WorkspaceId::new(row.try_get("workspace_id")?),
            handle_no: row.try_get("handle_no")?,
            name: row.try_get("name")?,
            phone: row
                .try_get::<Option<String>, _>("phone")?
                .map(Phone::from_stored),
            email: row
                .try_get::<Option<String>, _>("email")?
                .map(Email::from_stored),
            position: row.try_get("position")?,
            company_id: row
                .try_get::<Option<i64>, _>("company_id")?
                .map(CompanyId::new),
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

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
    let key = key_of(
        &draft.name,
        draft.phone.as_ref(),
        draft.email.as_ref(),
        draft.position.as_deref(),
    );
    Ok(sqlx::query_as(concat!(
        "INSERT INTO contacts (workspace_id, handle_no, name, phone, email, position,
                                    company_id, search_key, owner_user_id, created_by,
                                    created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $10)
         RETURNING ",
        returning!()
    ))
    .bind(workspace_id.get())
    .bind(handle_no)
    .bind(&draft.name)
    .bind(draft.phone.as_ref().map(Phone::as_str))
    .bind(draft.email.as_ref().map(Email::as_str))
    .bind(&draft.position)
    .bind(company_id.map(CompanyId::get))
    .bind(key)
    .bind(actor.map(UserId::get))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

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
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM contacts c WHERE c.workspace_id = $1 AND (c.email = $2 OR c.phone = $3)
          ORDER BY c.handle_no LIMIT 1"
    ))
    .bind(workspace_id.get())
    .bind(email.map(Email::as_str))
    .bind(phone.map(Phone::as_str))
    .fetch_optional(&mut **tx)
    .await?)
}

/// Contacts that may be the same person as `draft`: the same phone or email, or a name
/// whose folded form starts the search key (filtered exactly by [`duplicate::best`]).
pub async fn likely_duplicates(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    draft: &ContactDraft,
) -> Result<Vec<Contact>> {
    let pattern = duplicate::name_prefix_pattern(&draft.name);
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM contacts c WHERE c.workspace_id = $1
          AND (c.phone = $2 OR lower(c.email) = lower($3) OR c.search_key LIKE $4)
          ORDER BY c.handle_no LIMIT 200"
    ))
    .bind(workspace_id.get())
    .bind(draft.phone.as_ref().map(Phone::as_str))
    .bind(draft.email.as_ref().map(Email::as_str))
    .bind(pattern)
    .fetch_all(&mut **tx)
    .await?)
}

/// The contacts of a company, by handle.
pub async fn of_company(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    company_id: CompanyId,
) -> Result<Vec<Contact>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM contacts c WHERE c.workspace_id = $1 AND c.company_id = $2 ORDER BY c.handle_no LIMIT 50"
    ))
    .bind(workspace_id.get())
    .bind(company_id.get())
    .fetch_all(&mut **tx)
    .await?)
}

search::searchable_page!(Contact);

/// Writes every field of `contact` back (after an edit) and refreshes its search key.
pub async fn save(tx: &mut Tx, contact: &Contact) -> Result<()> {
    let key = key_of(
        &contact.name,
        contact.phone.as_ref(),
        contact.email.as_ref(),
        contact.position.as_deref(),
    );
    sqlx::query(
        "UPDATE contacts SET name = $1, phone = $2, email = $3, position = $4, company_id = $5,
                search_key = $6, updated_at = $7
         WHERE id = $8 AND workspace_id = $9",
    )
    .bind(&contact.name)
    .bind(contact.phone.as_ref().map(Phone::as_str))
    .bind(contact.email.as_ref().map(Email::as_str))
    .bind(&contact.position)
    .bind(contact.company_id.map(CompanyId::get))
    .bind(key)
    .bind(tx.now_millis())
    .bind(contact.id.get())
    .bind(contact.workspace_id.get())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
