//! Full-text search, the one place where the SQL differs by backend: SQLite uses the FTS5
//! indexes kept by triggers, PostgreSQL a stored `tsvector` with a GIN index. Both see the
//! same folded words and prefix queries (see `crm::search_key`).
//!
//! Counting stops at [`COUNT_CAP`] and ranking only happens below it: a query matching
//! tens of thousands of records (a common word in a big workspace) is answered in matching
//! order instead of ranking every match, which keeps every search in milliseconds.

use sqlx::FromRow;
use sqlx::any::AnyRow;

pub use super::records::Total;
use super::records::{Columns, company_columns, contact_columns, unknown};
use super::statement::{self, args};
use super::{Backend, Tx};
use crate::crm::search_key::{fts5_query, tsquery};
use crate::crm::{Company, Contact, RecordId, RecordKind, Stage, WorkspaceId};
use crate::store::Result;

/// Matches are counted up to this many; above it results are not ranked.
pub const COUNT_CAP: i64 = 1000;

/// One search result across record kinds.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: String,
    /// The record's row id (of the kind `kind` names).
    pub id: RecordId,
    pub handle_no: i64,
    pub title: String,
    pub detail: Option<HitDetail>,
    pub rank: f64,
}

/// What a hit shows after its title: a deal's stage, or a contact's email or a company's
/// domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HitDetail {
    Stage(Stage),
    Text(String),
}

impl<'r> FromRow<'r, AnyRow> for Hit {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        let row = Columns(row);
        let kind: String = row.get("kind")?;
        let detail = match row.get::<Option<String>>("detail")? {
            Some(name) if kind == RecordKind::Deal.as_str() => Some(HitDetail::Stage(
                Stage::from_stored(&name).ok_or_else(|| unknown("detail", "deal stage", &name))?,
            )),
            other => other.map(HitDetail::Text),
        };
        Ok(Hit {
            kind,
            id: row.map("id", RecordId::new)?,
            handle_no: row.get("handle_no")?,
            title: row.get("title")?,
            detail,
            rank: row.get("rank")?,
        })
    }
}

impl Hit {
    pub fn record_kind(&self) -> RecordKind {
        RecordKind::ALL
            .into_iter()
            .find(|k| k.as_str() == self.kind)
            .unwrap_or(RecordKind::Contact)
    }
}

/// The backend's query text for `query`, or `None` when it has no searchable word.
pub fn match_text(backend: Backend, query: &str) -> Option<String> {
    match backend {
        Backend::Sqlite => fts5_query(query),
        Backend::Postgres => tsquery(query),
    }
}

/// Each kind's table alias (the kinds are named by their tables).
macro_rules! alias {
    (contacts) => {
        "c"
    };
    (companies) => {
        "o"
    };
    (deals) => {
        "d"
    };
    (notes) => {
        "n"
    };
}
// The matching rows of each kind: `$1` is the match text, `$2` the workspace. On SQLite the
// CROSS JOIN makes the FTS index the outer loop (otherwise the planner probes it per row).
macro_rules! sqlite_from {
    ($kind:tt) => {
        concat!(
            " FROM ",
            stringify!($kind),
            "_fts CROSS JOIN ",
            stringify!($kind),
            " ",
            alias!($kind),
            " ON ",
            alias!($kind),
            ".id = ",
            stringify!($kind),
            "_fts.rowid WHERE ",
            stringify!($kind),
            "_fts MATCH $1 AND ",
            alias!($kind),
            ".workspace_id = $2"
        )
    };
}
macro_rules! postgres_from {
    ($kind:tt) => {
        concat!(
            " FROM ",
            stringify!($kind),
            " ",
            alias!($kind),
            " WHERE ",
            alias!($kind),
            ".workspace_id = $2 AND ",
            alias!($kind),
            ".search_vector @@ to_tsquery('simple', $1)"
        )
    };
}
macro_rules! sqlite_rank {
    ($kind:tt) => {
        concat!("bm25(", stringify!($kind), "_fts)")
    };
}
macro_rules! postgres_rank {
    ($kind:tt) => {
        concat!(
            "CAST(-ts_rank(",
            alias!($kind),
            ".search_vector, to_tsquery('simple', $1)) AS DOUBLE PRECISION)"
        )
    };
}
/// The hit columns of each kind, before the rank.
macro_rules! hit_columns {
    (contacts) => { "SELECT 'contact' AS kind, c.id AS id, c.handle_no AS handle_no, c.name AS title, c.email AS detail, " };
    (companies) => { "SELECT 'company', o.id, o.handle_no, o.name, o.domain, " };
    (deals) => { "SELECT 'deal', d.id, d.handle_no, d.title, d.stage, " };
    (notes) => { "SELECT 'note', n.id, n.handle_no, n.body, NULL, " };
}
/// Each kind's matching order: on SQLite the FTS rowid (the index's own order, no sort),
/// on PostgreSQL the id.
macro_rules! sqlite_order {
    ($kind:tt) => {
        concat!(stringify!($kind), "_fts.rowid")
    };
}
macro_rules! postgres_order {
    ($kind:tt) => {
        concat!(alias!($kind), ".id")
    };
}
/// A capped count of one kind's matches.
macro_rules! capped_count {
    ($from:ident, $kind:tt) => {
        concat!(
            "(SELECT COUNT(*) FROM (SELECT 1",
            $from!($kind),
            " LIMIT 1001) m)"
        )
    };
}
/// One kind's ranked hits.
macro_rules! ranked {
    ($from:ident, $rank:ident, $kind:tt) => {
        concat!(
            hit_columns!($kind),
            $rank!($kind),
            " AS rank",
            $from!($kind)
        )
    };
}
/// One kind's first `$5` hits in matching order, unranked.
macro_rules! unranked {
    ($from:ident, $order:ident, $kind:tt) => {
        concat!(
            "SELECT * FROM (",
            hit_columns!($kind),
            "CAST(0 AS DOUBLE PRECISION) AS rank",
            $from!($kind),
            " ORDER BY ",
            $order!($kind),
            " LIMIT $5) x"
        )
    };
}
macro_rules! all_kinds {
    ($mac:ident, $($arg:ident),*) => {
        concat!(
            $mac!($($arg,)* contacts), " UNION ALL ",
            $mac!($($arg,)* companies), " UNION ALL ",
            $mac!($($arg,)* deals), " UNION ALL ",
            $mac!($($arg,)* notes)
        )
    };
}
/// One page of every kind's hits (`$3` the limit, `$4` the offset), ordered by `$first`
/// (the rank, or nothing) and then kind and handle.
macro_rules! page_of_hits {
    ($hits:ident, $from:ident, $by:ident, $first:literal) => {
        concat!(
            "SELECT * FROM (",
            all_kinds!($hits, $from, $by),
            ") hits ORDER BY ",
            $first,
            "kind, handle_no LIMIT $3 OFFSET $4"
        )
    };
}
macro_rules! sum_of_counts {
    ($from:ident) => {
        concat!(
            "SELECT ",
            capped_count!($from, contacts),
            " + ",
            capped_count!($from, companies),
            " + ",
            capped_count!($from, deals),
            " + ",
            capped_count!($from, notes)
        )
    };
}

/// One search page: the text typed, in a workspace on a backend, `limit` results from
/// `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Search<'a> {
    pub backend: Backend,
    pub workspace_id: WorkspaceId,
    pub query: &'a str,
    pub limit: i64,
    pub offset: i64,
}

/// One page of records of every kind matching the query: best first when there are at
/// most [`COUNT_CAP`] matches, else in matching order.
pub async fn everything(tx: &mut Tx, search: Search<'_>) -> Result<(Vec<Hit>, Total)> {
    let count = match search.backend {
        Backend::Sqlite => sum_of_counts!(sqlite_from),
        Backend::Postgres => sum_of_counts!(postgres_from),
    };
    let page = |total: &Total| match (search.backend, total.capped) {
        (Backend::Sqlite, false) => page_of_hits!(ranked, sqlite_from, sqlite_rank, "rank, "),
        (Backend::Postgres, false) => {
            page_of_hits!(ranked, postgres_from, postgres_rank, "rank, ")
        }
        (Backend::Sqlite, true) => page_of_hits!(unranked, sqlite_from, sqlite_order, ""),
        (Backend::Postgres, true) => page_of_hits!(unranked, postgres_from, postgres_order, ""),
    };
    counted_page(tx, search, count, page, true).await
}

/// The capped count of the matches of `search` (statement `count`) and, when there are
/// any, the page of them the statement `page` picks for that total: `$1` the match text,
/// `$2` the workspace, `$3`/`$4` the limit and offset, and `$5` their end when `with_end`.
async fn counted_page<T>(
    tx: &mut Tx,
    search: Search<'_>,
    count: &'static str,
    page: impl FnOnce(&Total) -> &'static str,
    with_end: bool,
) -> Result<(Vec<T>, Total)>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let Some(text) = match_text(search.backend, search.query) else {
        return Ok((Vec::new(), Total::exact(0)));
    };
    let total = capped_count(tx, count, &text, search.workspace_id).await?;
    if total.count == 0 {
        return Ok((Vec::new(), total));
    }
    let (limit, offset) = (search.limit, search.offset);
    let values = args![text, search.workspace_id.get(), limit, offset];
    let values = if with_end {
        values.push(offset + limit)
    } else {
        values
    };
    Ok((statement::all(tx, page(&total), values).await?, total))
}

/// A kind whose records are found by full-text search, with its capped count and page
/// statements on each backend (`$1` the match text, `$2` the workspace, `$3`/`$4` the
/// limit and offset; in matching order).
pub trait Searchable: for<'r> FromRow<'r, AnyRow> + Send + Unpin {
    const SQLITE: Sql;
    const POSTGRES: Sql;
}

/// A kind's capped count and page statements.
pub struct Sql {
    count: &'static str,
    page: &'static str,
}

macro_rules! kind_sql {
    ($from:ident, $order:ident, $columns:ident, $kind:tt) => {
        Sql {
            count: concat!("SELECT ", capped_count!($from, $kind)),
            page: concat!(
                "SELECT ",
                $columns!(),
                $from!($kind),
                " ORDER BY ",
                $order!($kind),
                " LIMIT $3 OFFSET $4"
            ),
        }
    };
}
macro_rules! searchable {
    ($ty:ty, $columns:ident, $kind:tt) => {
        impl Searchable for $ty {
            const SQLITE: Sql = kind_sql!(sqlite_from, sqlite_order, $columns, $kind);
            const POSTGRES: Sql = kind_sql!(postgres_from, postgres_order, $columns, $kind);
        }
    };
}
searchable!(Contact, contact_columns, contacts);
searchable!(Company, company_columns, companies);

/// Declares `page` for a searchable kind in its own module (`contacts`, `companies`): one
/// page in handle order, or of the matches of `query` (any field, case and accents ignored,
/// words as prefixes), with the total number of matches.
macro_rules! searchable_page {
    ($ty:ty) => {
        /// One page of records in handle order, optionally only those matching `query`, with
        /// the total number of matches.
        pub async fn page(
            tx: &mut super::Tx,
            backend: super::Backend,
            workspace_id: WorkspaceId,
            query: Option<&str>,
            limit: i64,
            offset: i64,
        ) -> $crate::store::Result<(Vec<$ty>, super::search::Total)> {
            if let Some(query) = query {
                let search = super::search::Search {
                    backend,
                    workspace_id,
                    query,
                    limit,
                    offset,
                };
                return super::search::matching::<$ty>(tx, search).await;
            }
            super::records::page(tx, workspace_id, limit, offset).await
        }
    };
}
pub(crate) use searchable_page;

/// One page of the records of kind `T` matching the query, in matching order, with the
/// capped total.
pub async fn matching<T: Searchable>(tx: &mut Tx, search: Search<'_>) -> Result<(Vec<T>, Total)> {
    let sql = match search.backend {
        Backend::Sqlite => T::SQLITE,
        Backend::Postgres => T::POSTGRES,
    };
    counted_page(tx, search, sql.count, |_| sql.page, false).await
}

/// Runs a capped count query (`$1` the match text, `$2` the workspace).
async fn capped_count(
    tx: &mut Tx,
    count_sql: &'static str,
    text: &str,
    workspace_id: WorkspaceId,
) -> Result<Total> {
    let count: i64 = statement::value(tx, count_sql, args![text, workspace_id.get()]).await?;
    Ok(Total {
        count: count.min(COUNT_CAP),
        capped: count > COUNT_CAP,
    })
}
