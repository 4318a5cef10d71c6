//! Full-text search, the one place where the SQL differs by backend: SQLite uses the FTS5
//! indexes kept by triggers, PostgreSQL GIN indexes over `to_tsvector('simple', search_key)`.
//! Both see the same folded words and prefix queries (see `crm::search_key`).

use sqlx::FromRow;

use super::{Backend, Tx};
use crate::crm::RecordKind;
use crate::crm::search_key::{fts5_query, tsquery};

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

/// Matches of every kind on SQLite; lower rank is better (bm25).
macro_rules! sqlite_hits {
    () => {
        "SELECT 'contact' AS kind, c.id, c.handle_no, c.name AS title, c.email AS detail,
                bm25(contacts_fts) AS rank
         FROM contacts_fts JOIN contacts c ON c.id = contacts_fts.rowid
         WHERE contacts_fts MATCH $1 AND c.workspace_id = $2
         UNION ALL
         SELECT 'company', o.id, o.handle_no, o.name, o.domain, bm25(companies_fts)
         FROM companies_fts JOIN companies o ON o.id = companies_fts.rowid
         WHERE companies_fts MATCH $1 AND o.workspace_id = $2
         UNION ALL
         SELECT 'deal', d.id, d.handle_no, d.title, d.stage, bm25(deals_fts)
         FROM deals_fts JOIN deals d ON d.id = deals_fts.rowid
         WHERE deals_fts MATCH $1 AND d.workspace_id = $2
         UNION ALL
         SELECT 'note', n.id, n.handle_no, n.body, NULL, bm25(notes_fts)
         FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
         WHERE notes_fts MATCH $1 AND n.workspace_id = $2"
    };
}

/// Matches of every kind on PostgreSQL; lower rank is better (negated ts_rank).
macro_rules! postgres_hits {
    () => {
        "SELECT 'contact' AS kind, c.id, c.handle_no, c.name AS title, c.email AS detail,
                CAST(-ts_rank(to_tsvector('simple', c.search_key), to_tsquery('simple', $1)) AS DOUBLE PRECISION) AS rank
         FROM contacts c
         WHERE c.workspace_id = $2 AND to_tsvector('simple', c.search_key) @@ to_tsquery('simple', $1)
         UNION ALL
         SELECT 'company', o.id, o.handle_no, o.name, o.domain,
                CAST(-ts_rank(to_tsvector('simple', o.search_key), to_tsquery('simple', $1)) AS DOUBLE PRECISION)
         FROM companies o
         WHERE o.workspace_id = $2 AND to_tsvector('simple', o.search_key) @@ to_tsquery('simple', $1)
         UNION ALL
         SELECT 'deal', d.id, d.handle_no, d.title, d.stage,
                CAST(-ts_rank(to_tsvector('simple', d.search_key), to_tsquery('simple', $1)) AS DOUBLE PRECISION)
         FROM deals d
         WHERE d.workspace_id = $2 AND to_tsvector('simple', d.search_key) @@ to_tsquery('simple', $1)
         UNION ALL
         SELECT 'note', n.id, n.handle_no, n.body, NULL,
                CAST(-ts_rank(to_tsvector('simple', n.search_key), to_tsquery('simple', $1)) AS DOUBLE PRECISION)
         FROM notes n
         WHERE n.workspace_id = $2 AND to_tsvector('simple', n.search_key) @@ to_tsquery('simple', $1)"
    };
}

/// One page of records of every kind matching `query`, best first, with the total count.
pub async fn everything(
    tx: &mut Tx,
    backend: Backend,
    workspace_id: i64,
    query: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Hit>, i64)> {
    let Some(text) = match_text(backend, query) else {
        return Ok((Vec::new(), 0));
    };
    let (page_sql, count_sql) = match backend {
        Backend::Sqlite => (
            concat!(
                "SELECT * FROM (",
                sqlite_hits!(),
                ") hits ORDER BY rank, kind, handle_no LIMIT $3 OFFSET $4"
            ),
            concat!("SELECT COUNT(*) FROM (", sqlite_hits!(), ") hits"),
        ),
        Backend::Postgres => (
            concat!(
                "SELECT * FROM (",
                postgres_hits!(),
                ") hits ORDER BY rank, kind, handle_no LIMIT $3 OFFSET $4"
            ),
            concat!("SELECT COUNT(*) FROM (", postgres_hits!(), ") hits"),
        ),
    };
    let total: i64 = sqlx::query_scalar(count_sql)
        .bind(&text)
        .bind(workspace_id)
        .fetch_one(&mut **tx)
        .await?;
    if total == 0 {
        return Ok((Vec::new(), 0));
    }
    let hits = sqlx::query_as(page_sql)
        .bind(&text)
        .bind(workspace_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut **tx)
        .await?;
    Ok((hits, total))
}
