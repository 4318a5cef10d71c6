//! `/ask`'s query plan: the JSON the model answers (its JSON Schema is [`schema`], built
//! from the same tables the validator reads) and its validation into a typed
//! [`crm::query::Query`]. The model only picks from fixed lists — a record kind, filters
//! `{field, op, value}` allowed for that kind, a sort and a limit; anything else (an unknown
//! field, operator or value, a stray key) is a [`PlanError`] and nothing is run.

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use iso_currency::Currency;
use serde::Deserialize;
use serde_json::{Value, json};

use super::AnswerSchema;
use crate::crm::money::Money;
use crate::crm::query::{DEFAULT_LIMIT, Filter, MAX_LIMIT, Query, QueryKind, SortField};
use crate::crm::search_key::search_key;
use crate::crm::{Stage, Status, UserId};

/// The most filters one plan may have.
pub const MAX_FILTERS: usize = 8;
/// The longest text value a filter may have, in characters.
const MAX_TEXT_CHARS: usize = 100;

use QueryKind::{Companies, Contacts, Deals, Notes, Tasks};

/// What a filter's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// Words to look for.
    Text,
    /// A stage name.
    Stage,
    /// "open", "won" or "lost".
    DealStatus,
    /// "open" or "done".
    TaskStatus,
    /// A number with an ISO currency code ("5000 EUR").
    Amount,
    /// An ISO day (YYYY-MM-DD).
    Day,
    /// "me".
    Me,
}

impl ValueKind {
    /// How the prompt describes the value.
    fn describe(self) -> &'static str {
        match self {
            ValueKind::Text => "words to look for",
            ValueKind::Stage => "one of lead, qualified, proposal, negotiation, won, lost",
            ValueKind::DealStatus => "one of open, won, lost",
            ValueKind::TaskStatus => "one of open, done",
            ValueKind::Amount => "a number and an ISO currency code, e.g. \"5000 EUR\"",
            ValueKind::Day => "a day as YYYY-MM-DD",
            ValueKind::Me => "\"me\" (the person asking)",
        }
    }
}

/// One filter a kind allows: its field, its operators and its value.
#[derive(Debug, Clone, Copy)]
struct FieldSpec {
    kinds: &'static [QueryKind],
    field: &'static str,
    ops: &'static [&'static str],
    value: ValueKind,
}

const TIME_OPS: &[&str] = &["before", "on_or_after"];

/// Every filter of every kind.
const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        kinds: &[Contacts, Companies],
        field: "name",
        ops: &["contains"],
        value: ValueKind::Text,
    },
    FieldSpec {
        kinds: &[Deals],
        field: "title",
        ops: &["contains"],
        value: ValueKind::Text,
    },
    FieldSpec {
        kinds: &[Tasks, Notes],
        field: "text",
        ops: &["contains"],
        value: ValueKind::Text,
    },
    FieldSpec {
        kinds: &[Contacts, Deals],
        field: "company",
        ops: &["contains"],
        value: ValueKind::Text,
    },
    FieldSpec {
        kinds: &[Deals],
        field: "contact",
        ops: &["contains"],
        value: ValueKind::Text,
    },
    FieldSpec {
        kinds: &[Deals],
        field: "stage",
        ops: &["is"],
        value: ValueKind::Stage,
    },
    FieldSpec {
        kinds: &[Deals],
        field: "status",
        ops: &["is"],
        value: ValueKind::DealStatus,
    },
    FieldSpec {
        kinds: &[Tasks],
        field: "status",
        ops: &["is"],
        value: ValueKind::TaskStatus,
    },
    FieldSpec {
        kinds: &[Deals],
        field: "amount",
        ops: &["at_least", "at_most"],
        value: ValueKind::Amount,
    },
    FieldSpec {
        kinds: &[Deals],
        field: "close_date",
        ops: TIME_OPS,
        value: ValueKind::Day,
    },
    FieldSpec {
        kinds: &[Tasks],
        field: "due",
        ops: TIME_OPS,
        value: ValueKind::Day,
    },
    FieldSpec {
        kinds: &[Contacts, Companies, Deals, Tasks, Notes],
        field: "created",
        ops: TIME_OPS,
        value: ValueKind::Day,
    },
    FieldSpec {
        kinds: &[Contacts, Deals],
        field: "owner",
        ops: &["is"],
        value: ValueKind::Me,
    },
    FieldSpec {
        kinds: &[Tasks],
        field: "assignee",
        ops: &["is"],
        value: ValueKind::Me,
    },
    FieldSpec {
        kinds: &[Notes],
        field: "author",
        ops: &["is"],
        value: ValueKind::Me,
    },
];

/// The sorts each kind allows, by name.
const SORTS: &[(QueryKind, &str, SortField)] = &[
    (Contacts, "name", SortField::Name),
    (Contacts, "created", SortField::Created),
    (Companies, "name", SortField::Name),
    (Companies, "created", SortField::Created),
    (Deals, "title", SortField::Name),
    (Deals, "amount", SortField::Amount),
    (Deals, "close_date", SortField::CloseDate),
    (Deals, "created", SortField::Created),
    (Tasks, "due", SortField::Due),
    (Tasks, "created", SortField::Created),
    (Notes, "created", SortField::Created),
];

/// Why a plan was refused; nothing was run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the answer is not a query plan")]
    NotAPlan,
    #[error("the question is not a query over records")]
    NoKind,
    #[error("unknown record kind {0:?}")]
    UnknownKind(String),
    #[error("{kind} have no field {field:?}")]
    UnknownField { kind: &'static str, field: String },
    #[error("field {field} has no operator {op:?}")]
    UnknownOp { field: String, op: String },
    #[error("{field} cannot be {value:?}")]
    BadValue { field: String, value: String },
    #[error("an amount needs a currency")]
    NeedsCurrency,
    #[error("{kind} cannot be sorted by {field:?}")]
    UnknownSort { kind: &'static str, field: String },
    #[error("too many filters")]
    TooManyFilters,
}

/// What validation needs to know about the person asking.
#[derive(Debug, Clone, Copy)]
pub struct PlanEnv {
    pub user_id: UserId,
    /// Days are read in this zone.
    pub tz: Tz,
    /// The currency of amounts given without one.
    pub default_currency: Option<Currency>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Plan {
    kind: Option<String>,
    #[serde(default)]
    filters: Vec<FilterPlan>,
    #[serde(default)]
    sort: Option<SortPlan>,
    #[serde(default)]
    limit: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilterPlan {
    field: String,
    op: String,
    #[serde(default)]
    value: Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SortPlan {
    field: String,
    #[serde(default)]
    order: Option<String>,
}

/// The JSON Schema of a plan (structured output), its enums taken from the tables above.
pub fn schema() -> AnswerSchema {
    let mut fields: Vec<&str> = FIELDS.iter().map(|f| f.field).collect();
    fields.sort_unstable();
    fields.dedup();
    let mut ops: Vec<&str> = FIELDS.iter().flat_map(|f| f.ops.iter().copied()).collect();
    ops.sort_unstable();
    ops.dedup();
    let mut sorts: Vec<&str> = SORTS.iter().map(|s| s.1).collect();
    sorts.sort_unstable();
    sorts.dedup();
    let kinds: Vec<Value> = QueryKind::ALL
        .iter()
        .map(|k| Value::from(k.as_str()))
        .chain([Value::Null])
        .collect();
    AnswerSchema {
        name: "query_plan",
        schema: json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["kind", "filters", "sort", "limit"],
            "properties": {
                "kind": {"type": ["string", "null"], "enum": kinds},
                "filters": {
                    "type": "array",
                    "maxItems": MAX_FILTERS,
                    "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["field", "op", "value"],
                        "properties": {
                            "field": {"type": "string", "enum": fields},
                            "op": {"type": "string", "enum": ops},
                            "value": {"type": "string"}
                        }
                    }
                },
                "sort": {
                    "type": ["object", "null"],
                    "additionalProperties": false,
                    "required": ["field", "order"],
                    "properties": {
                        "field": {"type": "string", "enum": sorts},
                        "order": {"type": "string", "enum": ["asc", "desc"]}
                    }
                },
                "limit": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_LIMIT}
            }
        }),
    }
}

/// One line per kind for the prompt: its filters (field, operators, value) and its sorts.
pub fn describe_fields() -> Vec<String> {
    QueryKind::ALL
        .into_iter()
        .map(|kind| {
            let filters: Vec<String> = FIELDS
                .iter()
                .filter(|f| f.kinds.contains(&kind))
                .map(|f| format!("{} ({}: {})", f.field, f.ops.join("|"), f.value.describe()))
                .collect();
            let sorts: Vec<&str> = SORTS.iter().filter(|s| s.0 == kind).map(|s| s.1).collect();
            format!(
                "{}: filters {}; sort by {}",
                kind.as_str(),
                filters.join(", "),
                sorts.join(", ")
            )
        })
        .collect()
}

/// The model's answer read and checked into a query.
pub fn validate(answer: &str, env: &PlanEnv) -> Result<Query, PlanError> {
    // Only an object is a plan (serde would also read a struct from an array).
    let plan: Plan = match serde_json::from_str(strip_code_fence(answer)) {
        Ok(value @ Value::Object(_)) => {
            serde_json::from_value(value).map_err(|_| PlanError::NotAPlan)?
        }
        _ => return Err(PlanError::NotAPlan),
    };
    let kind_name = plan.kind.ok_or(PlanError::NoKind)?;
    let kind = QueryKind::parse(kind_name.trim()).ok_or(PlanError::UnknownKind(kind_name))?;
    if plan.filters.len() > MAX_FILTERS {
        return Err(PlanError::TooManyFilters);
    }
    let filters = plan
        .filters
        .iter()
        .map(|f| filter(kind, f, env))
        .collect::<Result<Vec<_>, _>>()?;
    let (sort, descending) = match plan.sort {
        None => (SortField::Handle, false),
        Some(sort) => {
            let field = SORTS
                .iter()
                .find(|s| s.0 == kind && s.1 == sort.field)
                .map(|s| s.2)
                .ok_or_else(|| PlanError::UnknownSort {
                    kind: kind.as_str(),
                    field: sort.field.clone(),
                })?;
            let descending = match sort.order.as_deref() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(other) => {
                    return Err(PlanError::BadValue {
                        field: "order".into(),
                        value: other.into(),
                    });
                }
            };
            (field, descending)
        }
    };
    Ok(Query {
        kind,
        filters,
        sort,
        descending,
        limit: limit(plan.limit)?,
    })
}

/// Some servers wrap JSON in a Markdown code fence even with structured output.
fn strip_code_fence(answer: &str) -> &str {
    let text = answer.trim();
    text.strip_prefix("```json")
        .or_else(|| text.strip_prefix("```"))
        .and_then(|rest| rest.strip_suffix("```"))
        .map_or(text, str::trim)
}

/// The limit: missing → the default, above the maximum → the maximum; not a whole
/// number of at least 1 → refused.
fn limit(value: Option<Value>) -> Result<u32, PlanError> {
    let bad = |v: &Value| PlanError::BadValue {
        field: "limit".into(),
        value: v.to_string(),
    };
    match value {
        None | Some(Value::Null) => Ok(DEFAULT_LIMIT),
        Some(v) => match v.as_i64() {
            Some(n) if n >= 1 => Ok(u32::try_from(n).unwrap_or(MAX_LIMIT).min(MAX_LIMIT)),
            _ => Err(bad(&v)),
        },
    }
}

/// One filter of the plan, checked against `kind`'s list and its value typed.
fn filter(kind: QueryKind, plan: &FilterPlan, env: &PlanEnv) -> Result<Filter, PlanError> {
    let spec = FIELDS
        .iter()
        .find(|f| f.field == plan.field && f.kinds.contains(&kind))
        .ok_or_else(|| PlanError::UnknownField {
            kind: kind.as_str(),
            field: plan.field.clone(),
        })?;
    let op = plan.op.as_str();
    if !spec.ops.contains(&op) {
        return Err(PlanError::UnknownOp {
            field: plan.field.clone(),
            op: plan.op.clone(),
        });
    }
    let text = match &plan.value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    };
    let bad = || PlanError::BadValue {
        field: plan.field.clone(),
        value: text.clone(),
    };
    let before = op == "before";
    Ok(match (spec.field, spec.value) {
        (_, ValueKind::Text) => {
            let words = search_key([text.as_str()]);
            if words.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
                return Err(bad());
            }
            match spec.field {
                "company" => Filter::CompanyWords(words),
                "contact" => Filter::ContactWords(words),
                _ => Filter::Words(words),
            }
        }
        (_, ValueKind::Stage) => Filter::Stage(Stage::parse(&text).ok_or_else(bad)?),
        (_, ValueKind::DealStatus) => {
            Filter::Status(Status::from_stored(&text.to_lowercase()).ok_or_else(bad)?)
        }
        (_, ValueKind::TaskStatus) => match text.to_lowercase().as_str() {
            "open" => Filter::Done(false),
            "done" => Filter::Done(true),
            _ => return Err(bad()),
        },
        (_, ValueKind::Amount) => {
            let money = Money::parse(&text, env.default_currency).map_err(|e| match e {
                crate::crm::money::MoneyError::UnknownCurrency
                    if !text.chars().any(char::is_alphabetic) =>
                {
                    PlanError::NeedsCurrency
                }
                _ => bad(),
            })?;
            if op == "at_least" {
                Filter::AmountAtLeast(money)
            } else {
                Filter::AmountAtMost(money)
            }
        }
        ("close_date", ValueKind::Day) => {
            let day = day(&text).ok_or_else(bad)?.format("%Y-%m-%d").to_string();
            if before {
                Filter::CloseBefore(day)
            } else {
                Filter::CloseFrom(day)
            }
        }
        (field, ValueKind::Day) => {
            let at = day(&text)
                .and_then(|d| start_of(d, env.tz))
                .ok_or_else(bad)?;
            match (field, before) {
                ("due", true) => Filter::DueBefore(at),
                ("due", false) => Filter::DueFrom(at),
                (_, true) => Filter::CreatedBefore(at),
                (_, false) => Filter::CreatedFrom(at),
            }
        }
        (_, ValueKind::Me) => {
            if !text.eq_ignore_ascii_case("me") {
                return Err(bad());
            }
            Filter::Mine(env.user_id)
        }
    })
}

/// An ISO day, also when a time follows it ("2026-12-05T00:00:00Z").
fn day(text: &str) -> Option<NaiveDate> {
    let head = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// The first instant of `day` in `tz`, in UTC milliseconds.
fn start_of(day: NaiveDate, tz: Tz) -> Option<i64> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    let local = tz.from_local_datetime(&midnight).earliest().or_else(|| {
        tz.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
    })?;
    Some(local.timestamp_millis())
}

#[cfg(test)]
#[path = "query_plan_tests.rs"]
mod tests;
