//! Runs `/ask`'s checked [`Query`] inside one workspace: the statement is put together from
//! fixed fragments chosen by the query's typed filters (no text of the query ever becomes
//! SQL), every value is a bound parameter, and `$1` — the workspace — is in every
//! `WHERE`, subqueries included. Read only.

use sqlx::AssertSqlSafe;

use super::records::{company_columns, contact_columns, deal_columns, note_columns, task_columns};
use super::statement::{self, Args, args};
use super::{Backend, Error, Result, Tx};
use crate::crm::query::{Filter, Query, QueryKind, SortField};
use crate::crm::{Company, Contact, Deal, Note, Task, WorkspaceId};

/// The records a query listed.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    Contacts(Vec<Contact>),
    Companies(Vec<Company>),
    Deals(Vec<Deal>),
    Tasks(Vec<Task>),
    Notes(Vec<Note>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Contacts(r) => r.len(),
            Rows::Companies(r) => r.len(),
            Rows::Deals(r) => r.len(),
            Rows::Tasks(r) => r.len(),
            Rows::Notes(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The first `limit` matching records and how many matched in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub rows: Rows,
    pub total: i64,
}

/// A filter or sort the query's kind does not have (the plan's validation never makes one).
#[derive(Debug, thiserror::Error)]
#[error("{what} does not apply to {kind}")]
struct NotForKind {
    what: String,
    kind: &'static str,
}

/// A bound value.
enum Bind {
    Int(i64),
    Text(String),
}

/// A statement's `FROM … WHERE …` part and its values after `$1`.
struct Where {
    kind: QueryKind,
    sql: String,
    binds: Vec<Bind>,
}

impl Where {
    /// The statement's values: `$1` the workspace, then the filters' values in order.
    fn args(&self, workspace_id: i64) -> Args {
        let values = args![workspace_id];
        self.binds.iter().fold(values, |values, value| match value {
            Bind::Int(n) => values.push(*n),
            Bind::Text(s) => values.push(s.clone()),
        })
    }

    /// The next placeholder, bound to `value`.
    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len() + 1)
    }

    /// `test` (a column and an operator, `d.stage =`) holds for `value`, bound.
    fn compare(&mut self, test: &str, value: Bind) {
        let p = self.bind(value);
        self.and(&format!("{test} {p}"));
    }

    fn and(&mut self, condition: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
    }

    /// `alias.search_key` has a word starting with `words` (folded, one phrase).
    fn words(&mut self, alias: &str, words: &str) {
        let p = self.bind(Bind::Text(format!("% {words}%")));
        self.and(&format!("(' ' || {alias}.search_key) LIKE {p}"));
    }
}

/// The table alias of each kind (the column lists are written with them).
fn alias(kind: QueryKind) -> &'static str {
    match kind {
        QueryKind::Contacts => "c",
        QueryKind::Companies => "o",
        QueryKind::Deals => "d",
        QueryKind::Tasks => "t",
        QueryKind::Notes => "n",
    }
}

fn not_for(kind: QueryKind, what: impl std::fmt::Debug) -> Error {
    Error::encode(NotForKind {
        what: format!("{what:?}"),
        kind: kind.as_str(),
    })
}

/// The `FROM … WHERE …` of a query, its filters as fixed fragments with bound values.
fn where_of(query: &Query) -> Result<Where> {
    use QueryKind::*;
    let kind = query.kind;
    let a = alias(kind);
    let table = kind.as_str();
    let mut w = Where {
        kind,
        sql: format!(" FROM {table} {a} WHERE {a}.workspace_id = $1"),
        binds: Vec::new(),
    };
    for filter in &query.filters {
        match (filter, kind) {
            (Filter::Words(words), Tasks) => {
                for word in words.split_whitespace() {
                    w.compare("LOWER(t.body) LIKE", Bind::Text(format!("%{word}%")));
                }
            }
            (Filter::Words(words), _) => w.words(a, words),
            (Filter::CompanyWords(words), Contacts | Deals) => {
                let p = w.bind(Bind::Text(format!("% {words}%")));
                w.and(&format!(
                    "{a}.company_id IN (SELECT x.id FROM companies x WHERE x.workspace_id = $1
                       AND (' ' || x.search_key) LIKE {p})"
                ));
            }
            (Filter::ContactWords(words), Deals) => {
                let p = w.bind(Bind::Text(format!("% {words}%")));
                w.and(&format!(
                    "d.contact_id IN (SELECT x.id FROM contacts x WHERE x.workspace_id = $1
                       AND (' ' || x.search_key) LIKE {p})"
                ));
            }
            (Filter::Stage(stage), Deals) => {
                w.compare("d.stage =", Bind::Text(stage.as_str().into()))
            }
            (Filter::Status(status), Deals) => {
                w.compare("d.status =", Bind::Text(status.as_str().into()))
            }
            (Filter::AmountAtLeast(money) | Filter::AmountAtMost(money), Deals) => {
                let op = if matches!(filter, Filter::AmountAtLeast(_)) {
                    ">="
                } else {
                    "<="
                };
                w.compare("d.currency =", Bind::Text(money.currency.code().into()));
                w.compare(&format!("d.amount_minor {op}"), Bind::Int(money.minor));
            }
            (Filter::CloseBefore(day), Deals) => {
                w.compare("d.expected_close <", Bind::Text(day.clone()))
            }
            (Filter::CloseFrom(day), Deals) => {
                w.compare("d.expected_close >=", Bind::Text(day.clone()))
            }
            (Filter::DueBefore(at), Tasks) => w.compare("t.due_at <", Bind::Int(*at)),
            (Filter::DueFrom(at), Tasks) => w.compare("t.due_at >=", Bind::Int(*at)),
            (Filter::Done(done), Tasks) => {
                w.and(if *done { "t.done = 1" } else { "t.done = 0" });
            }
            (Filter::CreatedBefore(at), _) => {
                w.compare(&format!("{a}.created_at <"), Bind::Int(*at))
            }
            (Filter::CreatedFrom(at), _) => {
                w.compare(&format!("{a}.created_at >="), Bind::Int(*at))
            }
            (Filter::Mine(user), Contacts | Deals | Tasks | Notes) => {
                let column = match kind {
                    Tasks => "t.assignee_user_id".to_string(),
                    Notes => "n.author_user_id".to_string(),
                    _ => format!("{a}.owner_user_id"),
                };
                w.compare(&format!("{column} ="), Bind::Int(user.get()));
            }
            (other, _) => return Err(not_for(kind, other)),
        }
    }
    Ok(w)
}

/// `ORDER BY …`: the sort column with empty values last on both backends, then the handle.
fn order_of(query: &Query, backend: Backend) -> Result<String> {
    use QueryKind::*;
    let kind = query.kind;
    let a = alias(kind);
    // Folded names compare byte by byte on both backends (PostgreSQL's default collation
    // would ignore spaces).
    let text_order = match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " COLLATE \"C\"",
    };
    let column = match (query.sort, kind) {
        (SortField::Handle, _) => None,
        (SortField::Name, Contacts | Companies | Deals) => {
            Some(format!("{a}.search_key{text_order}"))
        }
        (SortField::Created, _) => Some(format!("{a}.created_at")),
        (SortField::Amount, Deals) => Some("d.amount_minor".into()),
        (SortField::CloseDate, Deals) => Some(format!("d.expected_close{text_order}")),
        (SortField::Due, Tasks) => Some("t.due_at".into()),
        (other, _) => return Err(not_for(kind, other)),
    };
    let direction = if query.descending { "DESC" } else { "ASC" };
    Ok(match column {
        None => format!(" ORDER BY {a}.handle_no {direction}"),
        Some(column) => {
            format!(" ORDER BY ({column} IS NULL), {column} {direction}, {a}.handle_no {direction}")
        }
    })
}

/// Runs `query` in `workspace_id`: its first `limit` records in its order, and the count.
pub async fn run(
    tx: &mut Tx,
    backend: Backend,
    workspace_id: WorkspaceId,
    query: &Query,
) -> Result<Answer> {
    let workspace_id = workspace_id.get();
    let w = where_of(query)?;
    let order = order_of(query, backend)?;
    let total = count(tx, workspace_id, &w).await?;
    let columns = match w.kind {
        QueryKind::Contacts => contact_columns!(),
        QueryKind::Companies => company_columns!(),
        QueryKind::Deals => deal_columns!(),
        QueryKind::Tasks => task_columns!(),
        QueryKind::Notes => note_columns!(),
    };
    let limit = w.binds.len() + 2;
    let sql = format!("SELECT {columns}{}{order} LIMIT ${limit}", w.sql);
    let rows = match w.kind {
        QueryKind::Contacts => Rows::Contacts(page(tx, &sql, workspace_id, &w, query).await?),
        QueryKind::Companies => Rows::Companies(page(tx, &sql, workspace_id, &w, query).await?),
        QueryKind::Deals => Rows::Deals(page(tx, &sql, workspace_id, &w, query).await?),
        QueryKind::Tasks => Rows::Tasks(page(tx, &sql, workspace_id, &w, query).await?),
        QueryKind::Notes => Rows::Notes(page(tx, &sql, workspace_id, &w, query).await?),
    };
    Ok(Answer { rows, total })
}

async fn count(tx: &mut Tx, workspace_id: i64, w: &Where) -> Result<i64> {
    let sql = format!("SELECT COUNT(*){}", w.sql);
    statement::value(tx, AssertSqlSafe(sql), w.args(workspace_id)).await
}

async fn page<T>(
    tx: &mut Tx,
    sql: &str,
    workspace_id: i64,
    w: &Where,
    query: &Query,
) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let values = w.args(workspace_id).push(i64::from(query.limit));
    statement::all(tx, AssertSqlSafe(sql.to_string()), values).await
}
