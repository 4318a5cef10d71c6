//! A read-only query over one workspace's records, as `/ask` runs it: the record kind, filters
//! from a fixed list per kind, a sort from a fixed list and a limit. Values are already typed
//! and checked (words folded, money parsed, days turned into instants); building one from the
//! model's JSON plan is `ai::query_plan`, running it is `store::ask`. No SQL here.

use super::money::Money;
use super::{Stage, Status, UserId};

/// The most records one answer lists.
pub const MAX_LIMIT: u32 = 20;
/// Records listed when the plan names no limit.
pub const DEFAULT_LIMIT: u32 = 10;

/// The kinds of record a query can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Contacts,
    Companies,
    Deals,
    Tasks,
    Notes,
}

impl QueryKind {
    pub const ALL: [QueryKind; 5] = [
        QueryKind::Contacts,
        QueryKind::Companies,
        QueryKind::Deals,
        QueryKind::Tasks,
        QueryKind::Notes,
    ];

    /// The name in a plan ("contacts").
    pub const fn as_str(self) -> &'static str {
        match self {
            QueryKind::Contacts => "contacts",
            QueryKind::Companies => "companies",
            QueryKind::Deals => "deals",
            QueryKind::Tasks => "tasks",
            QueryKind::Notes => "notes",
        }
    }

    pub fn parse(name: &str) -> Option<QueryKind> {
        QueryKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One condition every listed record meets. Text is folded words (see `crm::search_key`),
/// matched as the start of a word of the record's searchable text; instants are UTC
/// milliseconds; dates are ISO days (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Contacts and companies: the name (or another searchable field); deals: the title;
    /// notes and tasks: the text.
    Words(String),
    /// Contacts and deals: the linked company's name.
    CompanyWords(String),
    /// Deals: the linked contact's name.
    ContactWords(String),
    Stage(Stage),
    Status(Status),
    /// Deals in this currency with at least / at most this amount.
    AmountAtLeast(Money),
    AmountAtMost(Money),
    /// Deals expected to close before / on or after this day.
    CloseBefore(String),
    CloseFrom(String),
    /// Tasks due before / at or after this instant.
    DueBefore(i64),
    DueFrom(i64),
    /// Tasks done (true) or still open (false).
    Done(bool),
    /// Created before / at or after this instant.
    CreatedBefore(i64),
    CreatedFrom(i64),
    /// Owned by (contacts, deals), assigned to (tasks) or written by (notes) this user.
    Mine(UserId),
}

/// What a query's records are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    /// The handle number (the order records were made in); the default.
    Handle,
    /// Contacts and companies: the name; deals: the title.
    Name,
    Created,
    Amount,
    CloseDate,
    Due,
}

/// A checked query: every filter and the sort belong to `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub kind: QueryKind,
    pub filters: Vec<Filter>,
    pub sort: SortField,
    pub descending: bool,
    /// 1 to [`MAX_LIMIT`].
    pub limit: u32,
}
