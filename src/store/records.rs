//! What the record kinds share in the store: each kind's column list, the lookup by handle
//! or by id, the plain page in handle order, the match count a page reports, and the
//! statements run on what belongs to one record (its notes, files, timeline).
//!
//! A leaf: it imports no other store module but `Tx`, so `search` and the per-kind modules
//! (`contacts`, `companies`, …) both build on it without importing each other.

use sqlx::any::AnyRow;
use sqlx::{Any, Decode, FromRow, Row, Type};

use super::Result;
use super::statement::{self, args};
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

/// A record's row read column by column into the record's field types: its own id and
/// workspace, plain values as stored, and stored forms made into their types.
pub(crate) struct Columns<'r>(pub &'r AnyRow);

impl<'r> Columns<'r> {
    /// The row's `id`, as the kind's own id type.
    pub fn id<I: From<RecordId>>(&self) -> sqlx::Result<I> {
        Ok(RecordId::new(self.get("id")?).into())
    }

    /// The row's `workspace_id`.
    pub fn workspace_id(&self) -> sqlx::Result<WorkspaceId> {
        Ok(WorkspaceId::new(self.get("workspace_id")?))
    }

    /// A column as stored (a number, a text, an optional one).
    pub fn get<T: Decode<'r, Any> + Type<Any>>(&self, column: &str) -> sqlx::Result<T> {
        self.0.try_get(column)
    }

    /// A column made into its type by `make` (an id, a phone number).
    pub fn map<S, T>(&self, column: &str, make: fn(S) -> T) -> sqlx::Result<T>
    where
        S: Decode<'r, Any> + Type<Any>,
    {
        Ok(make(self.get(column)?))
    }

    /// A nullable column made into its type by `make`; `None` when it is NULL.
    pub fn map_opt<S, T>(&self, column: &str, make: fn(S) -> T) -> sqlx::Result<Option<T>>
    where
        S: Decode<'r, Any> + Type<Any>,
    {
        Ok(self.get::<Option<S>>(column)?.map(make))
    }

    /// A text column naming one of our values (`what`: a deal stage, a status), read
    /// through `decode`; a name that is not one of ours is a decoding error naming the
    /// column and the text (the row is not guessed at).
    pub fn named<T>(
        &self,
        column: &str,
        what: &str,
        decode: fn(&str) -> Option<T>,
    ) -> sqlx::Result<T> {
        let text: String = self.get(column)?;
        decode(&text).ok_or_else(|| unknown(column, what, &text))
    }
}

/// Implements sqlx's `FromRow` for a record kind: the columns every record has (`id`,
/// `workspace_id`, `handle_no`), then the kind's own fields, each read from `$row` (the
/// row's [`Columns`]) by the expression beside it.
///
/// ```ignore
/// records::from_columns!(Company, |row| {
///     name: row.get("name")?,
///     phone: row.map_opt("phone", Phone::from_stored)?,
/// });
/// ```
macro_rules! from_columns {
    ($ty:ident, |$row:ident| { $($field:ident: $value:expr),* $(,)? }) => {
        impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for $ty {
            fn from_row(row: &'r sqlx::any::AnyRow) -> sqlx::Result<Self> {
                let $row = $crate::store::records::Columns(row);
                Ok($ty {
                    id: $row.id()?,
                    workspace_id: $row.workspace_id()?,
                    handle_no: $row.get("handle_no")?,
                    $($field: $value),*
                })
            }
        }
    };
}
pub(crate) use from_columns;

/// The decoding error of a text in `column` that names no `what` of ours.
pub(crate) fn unknown(column: &str, what: &str, text: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: format!("unknown {what} {text:?}").into(),
    }
}

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
        concat!("SELECT ", $crate::store::records::$columns!(), " FROM ", $table, " ", $a, " WHERE ", $a, ".workspace_id = $1", $($rest),*)
    };
}

/// `SELECT` every column of a kind (named by its table) from its rows in workspace `$1`
/// (aliased as in its column list), then the rest of the statement.
macro_rules! select {
    (contacts, $rest:literal) => {
        $crate::store::records::select_in_workspace!(contact_columns, "contacts", "c", $rest)
    };
    (companies, $rest:literal) => {
        $crate::store::records::select_in_workspace!(company_columns, "companies", "o", $rest)
    };
    (deals, $rest:literal) => {
        $crate::store::records::select_in_workspace!(deal_columns, "deals", "d", $rest)
    };
}
pub(crate) use {select, select_in_workspace};

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
    statement::optional(tx, sql, args![workspace_id.get(), key]).await
}

/// One page of every record of type `T` in the workspace, in handle order, with the count.
pub(crate) async fn page<T: Stored>(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<(Vec<T>, Total)> {
    let count = statement::value(tx, T::COUNT, args![workspace_id.get()]).await?;
    let rows = statement::all(tx, T::PAGE, args![workspace_id.get(), limit, offset]).await?;
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
    let values = args![workspace_id.get(), kind.as_str(), record_id.get()];
    statement::run(tx, sql, values).await
}
