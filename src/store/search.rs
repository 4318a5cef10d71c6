//! Full-text search, the one place where the SQL differs by backend: SQLite uses the FTS5
//! indexes kept by triggers, PostgreSQL a stored `tsvector` with a GIN index. Both see the
//! same folded words and prefix queries (see `crm::search_key`).
//!
//! Counting stops at [`COUNT_CAP`] and ranking only happens below it: a query matching
//! tens of thousands of records (a common word in a big workspace) is answered in matching
//! order instead of ranking every match, which keeps every search in milliseconds.

use sqlx::FromRow;

pub use super::records::Total;
use super::records::{company_columns, contact_columns};
use super::{Backend, Tx};
use crate::crm::search_key::{fts5_query, tsquery};
use crate::crm::{Company, Contact, RecordKind};

/// Matches are counted up to this many; above it results are not ranked.
pub const COUNT_CAP: i64 = 1000;

/// One search result across record kinds.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Hit {
    pub kind: String,
    pub id: i64,
    pub handle_no: i64,
    pub title: String,
    pub detail: Option<String>,
    pub rank: f64,
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

// The matching rows of each kind: `$1` is the match text, `$2` the workspace. On SQLite the
// CROSS JOIN makes the FTS index the outer loop (otherwise the planner probes it per row).
macro_rules! sqlite_from {
    (contacts) => { " FROM contacts_fts CROSS JOIN contacts c ON c.id = contacts_fts.rowid WHERE contacts_fts MATCH $1 AND c.workspace_id = $2" };
    (companies) => { " FROM companies_fts CROSS JOIN companies o ON o.id = companies_fts.rowid WHERE companies_fts MATCH $1 AND o.workspace_id = $2" };
    (deals) => { " FROM deals_fts CROSS JOIN deals d ON d.id = deals_fts.rowid WHERE deals_fts MATCH $1 AND d.workspace_id = $2" };
    (notes) => { " FROM notes_fts CROSS JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH $1 AND n.workspace_id = $2" };
}
macro_rules! postgres_from {
    (contacts) => { " FROM contacts c WHERE c.workspace_id = $2 AND c.search_vector @@ to_tsquery('simple', $1)" };
    (companies) => { " FROM companies o WHERE o.workspace_id = $2 AND o.search_vector @@ to_tsquery('simple', $1)" };
    (deals) => { " FROM deals d WHERE d.workspace_id = $2 AND d.search_vector @@ to_tsquery('simple', $1)" };
    (notes) => { " FROM notes n WHERE n.workspace_id = $2 AND n.search_vector @@ to_tsquery('simple', $1)" };
}
macro_rules! sqlite_rank {
    (contacts) => {
        "bm25(contacts_fts)"
    };
    (companies) => {
        "bm25(companies_fts)"
    };
    (deals) => {
        "bm25(deals_fts)"
    };
    (notes) => {
        "bm25(notes_fts)"
    };
}
macro_rules! postgres_rank {
    (contacts) => {
        "CAST(-ts_rank(c.search_vector, to_tsquery('simple', $1)) AS DOUBLE PRECISION)"
    };
    (companies) => {
        "CAST(-ts_rank(o.search_vector, to_tsquery('simple', $1)) AS DOUBLE PRECISION)"
    };
    (deals) => {
        "CAST(-ts_rank(d.search_vector, to_tsquery('simple', $1)) AS DOUBLE PRECISION)"
    };
    (notes) => {
        "CAST(-ts_rank(n.search_vector, to_tsquery('simple', $1)) AS DOUBLE PRECISION)"
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
    (contacts) => {
        "contacts_fts.rowid"
    };
    (companies) => {
        "companies_fts.rowid"
    };
    (deals) => {
        "deals_fts.rowid"
    };
    (notes) => {
        "notes_fts.rowid"
    };
}
macro_rules! postgres_order {
    (contacts) => {
        "c.id"
    };
    (companies) => {
        "o.id"
    };
    (deals) => {
        "d.id"
    };
    (notes) => {
        "n.id"
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

/// One page of records of every kind matching `query`: best first when there are at most
/// [`COUNT_CAP`] matches, else in matching order.
pub async fn everything(
    tx: &mut Tx,
    backend: Backend,
    workspace_id: i64,
    query: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Hit>, Total)> {
    let Some(text) = match_text(backend, query) else {
        return Ok((Vec::new(), Total::exact(0)));
    };
    let count_sql = match backend {
        Backend::Sqlite => sum_of_counts!(sqlite_from),
        Backend::Postgres => sum_of_counts!(postgres_from),
    };
    let total = capped_count(tx, count_sql, &text, workspace_id).await?;
    if total.count == 0 {
        return Ok((Vec::new(), total));
    }
    let page_sql = match (backend, total.capped) {
        (Backend::Sqlite, false) => concat!(
            "SELECT * FROM (",
            all_kinds!(ranked, sqlite_from, sqlite_rank),
            ") hits ORDER BY rank, kind, handle_no LIMIT $3 OFFSET $4"
        ),
        (Backend::Postgres, false) => concat!(
            "SELECT * FROM (",
            all_kinds!(ranked, postgres_from, postgres_rank),
            ") hits ORDER BY rank, kind, handle_no LIMIT $3 OFFSET $4"
        ),
        (Backend::Sqlite, true) => concat!(
            "SELECT * FROM (",
            all_kinds!(unranked, sqlite_from, sqlite_order),
            ") hits ORDER BY kind, handle_no LIMIT $3 OFFSET $4"
        ),
        (Backend::Postgres, true) => concat!(
            "SELECT * FROM (",
            all_kinds!(unranked, postgres_from, postgres_order),
            ") hits ORDER BY kind, handle_no LIMIT $3 OFFSET $4"
        ),
    };
    let hits = sqlx::query_as(page_sql)
        .bind(&text)
        .bind(workspace_id)
        .bind(limit)
        .bind(offset)
        .bind(offset + limit)
        .fetch_all(&mut **tx)
        .await?;
    Ok((hits, total))
}

/// `pub async fn $name(tx, backend, workspace_id, query, limit, offset)`: one page of the
/// records of one kind matching `query`, in matching order, with the capped total.
macro_rules! kind_matching {
    ($(#[$doc:meta])* $name:ident, $ty:ty, $columns:ident, $kind:tt) => {
        $(#[$doc])*
        pub async fn $name(
            tx: &mut Tx,
            backend: Backend,
            workspace_id: i64,
            query: &str,
            limit: i64,
            offset: i64,
        ) -> sqlx::Result<(Vec<$ty>, Total)> {
            let sql = match backend {
                Backend::Sqlite => Sql {
                    count: concat!("SELECT ", capped_count!(sqlite_from, $kind)),
                    page: concat!(
                        "SELECT ",
                        $columns!(),
                        sqlite_from!($kind),
                        " ORDER BY ",
                        sqlite_order!($kind),
                        " LIMIT $3 OFFSET $4"
                    ),
                },
                Backend::Postgres => Sql {
                    count: concat!("SELECT ", capped_count!(postgres_from, $kind)),
                    page: concat!(
                        "SELECT ",
                        $columns!(),
                        postgres_from!($kind),
                        " ORDER BY ",
                        postgres_order!($kind),
                        " LIMIT $3 OFFSET $4"
                    ),
                },
            };
            matching(tx, backend, workspace_id, query, limit, offset, sql).await
        }
    };
}

kind_matching!(
    /// One page of the contacts matching `query`, in handle order, with the capped total.
    contacts_matching, Contact, contact_columns, contacts
);
kind_matching!(
    /// One page of the companies matching `query`, in handle order, with the capped total.
    companies_matching, Company, company_columns, companies
);

/// Declares `page` for a searchable kind in its own module (`contacts`, `companies`): one
/// page in handle order, or of the matches of `query` (any field, case and accents ignored,
/// words as prefixes), with the total number of matches.
macro_rules! searchable_page {
    ($ty:ty, $matching:ident) => {
        /// One page of records in handle order, optionally only those matching `query`, with
        /// the total number of matches.
        pub async fn page(
            tx: &mut super::Tx,
            backend: super::Backend,
            workspace_id: i64,
            query: Option<&str>,
            limit: i64,
            offset: i64,
        ) -> sqlx::Result<(Vec<$ty>, super::search::Total)> {
            if let Some(query) = query {
                let matches =
                    super::search::$matching(tx, backend, workspace_id, query, limit, offset);
                return matches.await;
            }
            super::records::page(tx, workspace_id, limit, offset).await
        }
    };
}
pub(crate) use searchable_page;

/// A kind's capped count and page statements.
struct Sql {
    count: &'static str,
    page: &'static str,
}

/// Runs a capped count and a page query of one kind.
async fn matching<T>(
    tx: &mut Tx,
    backend: Backend,
    workspace_id: i64,
    query: &str,
    limit: i64,
    offset: i64,
    sql: Sql,
) -> sqlx::Result<(Vec<T>, Total)>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let Some(text) = match_text(backend, query) else {
        return Ok((Vec::new(), Total::exact(0)));
    };
    let total = capped_count(tx, sql.count, &text, workspace_id).await?;
    if total.count == 0 {
        return Ok((Vec::new(), total));
    }
    let rows = sqlx::query_as(sql.page)
        .bind(&text)
        .bind(workspace_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut **tx)
        .await?;
    Ok((rows, total))
}

/// Runs a capped count query (`$1` the match text, `$2` the workspace).
async fn capped_count(
    tx: &mut Tx,
    count_sql: &'static str,
    text: &str,
    workspace_id: i64,
) -> sqlx::Result<Total> {
    let count: i64 = sqlx::query_scalar(count_sql)
        .bind(text)
        .bind(workspace_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Total {
        count: count.min(COUNT_CAP),
        capped: count > COUNT_CAP,
    })
}
