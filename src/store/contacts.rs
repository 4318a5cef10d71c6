//! Contact rows: create, find by handle, list and search, save and delete. Every query is
//! scoped to one workspace.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::{Tx, handles, now_millis};
use crate::crm::search_key::{like_pattern, search_key};
use crate::crm::{Contact, ContactDraft, RecordKind};

/// The columns every contact query returns, in [`Contact`]'s order.
macro_rules! columns {
    () => {
        "id, workspace_id, handle_no, name, phone, email, position, created_at, updated_at"
    };
}

impl<'r> FromRow<'r, AnyRow> for Contact {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(Contact {
            id: row.try_get("id")?,
            workspace_id: row.try_get("workspace_id")?,
            handle_no: row.try_get("handle_no")?,
            name: row.try_get("name")?,
            phone: row.try_get("phone")?,
            email: row.try_get("email")?,
            position: row.try_get("position")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

fn key_of(name: &str, phone: Option<&str>, email: Option<&str>, position: Option<&str>) -> String {
    search_key([
        name,
        phone.unwrap_or(""),
        email.unwrap_or(""),
        position.unwrap_or(""),
    ])
}

/// Creates a contact with the next `C` handle of the workspace.
pub async fn insert(
    tx: &mut Tx,
    workspace_id: i64,
    draft: &ContactDraft,
    actor: i64,
) -> sqlx::Result<Contact> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Contact).await?;
    let now = now_millis();
    let key = key_of(
        &draft.name,
        draft.phone.as_deref(),
        draft.email.as_deref(),
        draft.position.as_deref(),
    );
    sqlx::query_as(concat!(
        "INSERT INTO contacts (workspace_id, handle_no, name, phone, email, position, search_key,
                               owner_user_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $9)
         RETURNING ",
        columns!()
    ))
    .bind(workspace_id)
    .bind(handle_no)
    .bind(&draft.name)
    .bind(&draft.phone)
    .bind(&draft.email)
    .bind(&draft.position)
    .bind(key)
    .bind(actor)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// The contact with handle `C<handle_no>` in the workspace.
pub async fn by_handle(
    tx: &mut Tx,
    workspace_id: i64,
    handle_no: i64,
) -> sqlx::Result<Option<Contact>> {
    sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM contacts WHERE workspace_id = $1 AND handle_no = $2"
    ))
    .bind(workspace_id)
    .bind(handle_no)
    .fetch_optional(&mut **tx)
    .await
}

/// The contact with database id `id`, only if it belongs to the workspace.
pub async fn by_id(tx: &mut Tx, workspace_id: i64, id: i64) -> sqlx::Result<Option<Contact>> {
    sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM contacts WHERE workspace_id = $1 AND id = $2"
    ))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

/// One page of contacts, newest handle last, optionally matching `query` in any field
/// (case and accents ignored), with the total number of matches.
pub async fn page(
    tx: &mut Tx,
    workspace_id: i64,
    query: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Contact>, i64)> {
    let pattern = like_pattern(query.unwrap_or(""));
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM contacts WHERE workspace_id = $1 AND search_key LIKE $2 ESCAPE '\\'",
    )
    .bind(workspace_id)
    .bind(&pattern)
    .fetch_one(&mut **tx)
    .await?;
    let rows = sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM contacts WHERE workspace_id = $1 AND search_key LIKE $2 ESCAPE '\\'
          ORDER BY handle_no LIMIT $3 OFFSET $4"
    ))
    .bind(workspace_id)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut **tx)
    .await?;
    Ok((rows, total))
}

/// Writes every field of `contact` back (after an edit) and refreshes its search key.
pub async fn save(tx: &mut Tx, contact: &Contact) -> sqlx::Result<()> {
    let key = key_of(
        &contact.name,
        contact.phone.as_deref(),
        contact.email.as_deref(),
        contact.position.as_deref(),
    );
    sqlx::query(
        "UPDATE contacts SET name = $1, phone = $2, email = $3, position = $4, search_key = $5,
                updated_at = $6
         WHERE id = $7 AND workspace_id = $8",
    )
    .bind(&contact.name)
    .bind(&contact.phone)
    .bind(&contact.email)
    .bind(&contact.position)
    .bind(key)
    .bind(now_millis())
    .bind(contact.id)
    .bind(contact.workspace_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes the contact; `false` when it was already gone.
pub async fn delete(tx: &mut Tx, workspace_id: i64, id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query("DELETE FROM contacts WHERE workspace_id = $1 AND id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected() > 0)
}
