//! What the record kinds share in the store: each kind's column list, the lookup by handle
//! or by id, the plain page in handle order, the match count a page reports, and the
//! statements run on what belongs to one record (its notes, files, timeline).
//!
//! A leaf: it imports no other store module but `Tx`, so `search` and the per-kind modules
//! (`contacts`, `companies`, …) both build on it without importing each other.

use sqlx::FromRow;
use sqlx::any::AnyRow;

use super::Result;
use super::tx::Tx;
use crate::crm::{
    Company, CompanyId, Contact, ContactId, Deal, DealId, Note, NoteId, RecordId, RecordKind, Task,
    TaskId, WorkspaceId,
};

/// The columns every contact query returns, in [`Contact`]'s order.
macro_rules! contact_columns {
    () => {
        "c.id, c.workspace_id, c.handle_no, c.name, c.phone, c.email, c.position, c.company_id,
         c.created_at, c.updated_at"
    };
}
/// The columns every company query returns, in [`Company`]'s order.
macro_rules! company_columns {
    () => {
        "o.id, o.workspace_id, o.handle_no, o.name, o.domain, o.phone"
    };
}
/// The columns every deal query returns, in [`Deal`]'s order.
macro_rules! deal_columns {
    () => {
        "d.id, d.workspace_id, d.handle_no, d.title, d.amount_minor, d.currency, d.stage, d.status,
         d.expected_close, d.contact_id, d.company_id"
    };
}
/// The columns every task query returns (unqualified), in [`Task`]'s order.
macro_rules! task_columns {
    () => {
        "id, workspace_id, handle_no, body, record_kind, record_id, due_at, assignee_user_id, done"
    };
}
/// The columns every note query returns (unqualified), in [`Note`]'s order.
macro_rules! note_columns {
    () => {
        "id, workspace_id, handle_no, record_kind, record_id, body, author_user_id, created_at"
    };
}
pub(crate) use {company_columns, contact_columns, deal_columns, note_columns, task_columns};

/// How many records matched: exact up to the search cap, else "more than the cap".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub count: i64,
    pub capped: bool,
}

impl Total {
    /// An exact count (no cap reached).
    pub fn exact(count: i64) -> Total {
        Total {
            count,
            capped: false,
        }
    }
}

/// A record kind read from its own table; the queries differ only by table and columns.
pub(crate) trait Stored: for<'r> FromRow<'r, AnyRow> + Send + Unpin {
    /// The kind's own row id.
    type Id: Into<i64> + Copy;
    /// `$1` the workspace, `$2` the handle number.
    const BY_HANDLE: &'static str;
    /// `$1` the workspace, `$2` the database id.
    const BY_ID: &'static str;
    /// `$1` the workspace.
    const COUNT: &'static str;
    /// `$1` the workspace, `$2` the limit, `$3` the offset; in handle order.
    const PAGE: &'static str;

    /// The record as a card names it.
    fn named(self) -> Named;
}

/// A record of any kind as a card names it (the /delete confirmation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: RecordId,
    pub handle_no: i64,
    /// The name, title or text the user knows it by.
    pub name: String,
}

/// Which record of a kind: by handle number or by database id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Handle(i64),
    Id(RecordId),
}

/// `SELECT <columns> FROM <table> <alias> WHERE <alias>.workspace_id = $1<rest…>`.
macro_rules! select_in_workspace {
    ($columns:ident, $table:literal, $a:literal, $($rest:expr),*) => {
        concat!("SELECT ", $columns!(), " FROM ", $table, " ", $a, " WHERE ", $a, ".workspace_id = $1", $($rest),*)
    };
}

macro_rules! stored {
    ($ty:ty, $id:ty, $columns:ident, $table:literal, $a:literal, $name:ident) => {
        impl Stored for $ty {
            type Id = $id;

            fn named(self) -> Named {
                Named {
                    id: RecordId::new(self.id.get()),
                    handle_no: self.handle_no,
                    name: self.$name,
                }
            }

            const BY_HANDLE: &'static str =
                select_in_workspace!($columns, $table, $a, " AND ", $a, ".handle_no = $2");
            const BY_ID: &'static str =
                select_in_workspace!($columns, $table, $a, " AND ", $a, ".id = $2");
            const COUNT: &'static str =
                concat!("SELECT COUNT(*) FROM ", $table, " WHERE workspace_id = $1");
            const PAGE: &'static str = select_in_workspace!(
                $columns,
                $table,
                $a,
                " ORDER BY ",
                $a,
                ".handle_no LIMIT $2 OFFSET $3"
            );
        }
    };
}

stored!(Contact, ContactId, contact_columns, "contacts", "c", name);
stored!(Company, CompanyId, company_columns, "companies", "o", name);
stored!(Deal, DealId, deal_columns, "deals", "d", title);
stored!(Task, TaskId, task_columns, "tasks", "t", body);
stored!(Note, NoteId, note_columns, "notes", "n", body);

/// The record of any `kind` at `key` in the workspace, as a card names it.
pub async fn named(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    key: Key,
) -> Result<Option<Named>> {
    match kind {
        RecordKind::Contact => named_of::<Contact>(tx, workspace_id, key).await,
        RecordKind::Company => named_of::<Company>(tx, workspace_id, key).await,
        RecordKind::Deal => named_of::<Deal>(tx, workspace_id, key).await,
        RecordKind::Task => named_of::<Task>(tx, workspace_id, key).await,
        RecordKind::Note => named_of::<Note>(tx, workspace_id, key).await,
    }
}

async fn named_of<T: Stored>(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    key: Key,
) -> Result<Option<Named>> {
    let found: Option<T> = match key {
        Key::Handle(handle_no) => one(tx, T::BY_HANDLE, workspace_id, handle_no).await?,
        Key::Id(id) => one(tx, T::BY_ID, workspace_id, id.get()).await?,
    };
    Ok(found.map(Stored::named))
}

/// Declares `by_handle` and `by_id` for one record kind in its own module, so callers keep
/// writing `store::contacts::by_handle(…)`.
macro_rules! lookups {
    ($ty:ty, $id:ty) => {
        /// The record with this handle number in the workspace.
        pub async fn by_handle(
            tx: &mut super::Tx,
            workspace_id: $crate::crm::WorkspaceId,
            handle_no: i64,
        ) -> $crate::store::Result<Option<$ty>> {
            super::records::by_handle(tx, workspace_id, handle_no).await
        }

        /// The record with database id `id`, only if it belongs to the workspace.
        pub async fn by_id(
            tx: &mut super::Tx,
            workspace_id: $crate::crm::WorkspaceId,
            id: $id,
        ) -> $crate::store::Result<Option<$ty>> {
            super::records::by_id(tx, workspace_id, id).await
        }
    };
}
pub(crate) use lookups;

/// The record of type `T` with handle number `handle_no` in the workspace.
pub(crate) async fn by_handle<T: Stored>(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    handle_no: i64,
) -> Result<Option<T>> {
    one(tx, T::BY_HANDLE, workspace_id, handle_no).await
}

/// The record of type `T` with database id `id`, only if it belongs to the workspace.
pub(crate) async fn by_id<T: Stored>(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    id: T::Id,
) -> Result<Option<T>> {
    one(tx, T::BY_ID, workspace_id, id.into()).await
}

async fn one<T: Stored>(
    tx: &mut Tx,
    sql: &'static str,
    workspace_id: WorkspaceId,
    key: i64,
) -> Result<Option<T>> {
    Ok(sqlx::query_as(sql)
        .bind(workspace_id.get())
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?)
}

/// One page of every record of type `T` in the workspace, in handle order, with the count.
pub(crate) async fn page<T: Stored>(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<(Vec<T>, Total)> {
    let count: i64 = sqlx::query_scalar(T::COUNT)
        .bind(workspace_id.get())
        .fetch_one(&mut **tx)
        .await?;
    let rows = sqlx::query_as(T::PAGE)
        .bind(workspace_id.get())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut **tx)
        .await?;
    Ok((rows, Total::exact(count)))
}

/// Runs `sql` on what belongs to one record (`$1` the workspace, `$2` the record's kind,
/// `$3` its id); returns how many rows it touched.
pub(crate) async fn on_record(
    tx: &mut Tx,
    sql: &'static str,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<u64> {
    let result = sqlx::query(sql)
        .bind(workspace_id.get())
        .bind(kind.as_str())
        .bind(record_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected())
}
