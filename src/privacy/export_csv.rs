//! What the CSV files of `/export` show: for each exported table, the columns a person
//! reads, under stable English headers (the same in every language, so a spreadsheet or a
//! script keeps working whatever the user's language): the workspace's name, the record's
//! handle (`C1`), the handle and name of each linked record next to each other
//! (`company` `O1`, `company_name` `Acme`), people by display name, times in ISO 8601 with
//! the user's UTC offset, amounts in major units. Internal columns (ids, index columns,
//! pseudonyms, button tags) are left to the JSON files, which keep every value.

/// How a CSV cell is written from its column's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text as stored (neutralized against formulas).
    Text,
    /// A whole number.
    Number,
    /// Epoch milliseconds → `2026-11-27T11:00:00+01:00` in the user's time zone.
    Time,
    /// 0/1 → `no`/`yes`.
    Flag,
    /// Minor units → `1200.00` in the row's `currency` column's decimals.
    Amount,
}

/// One CSV column: its header, the SQL expression it is read from, how it is written, and
/// the join that expression needs (empty: none; a view joins each needed one once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub expr: &'static str,
    pub kind: Kind,
    pub join: &'static str,
}

const fn col(header: &'static str, expr: &'static str, kind: Kind) -> Column {
    Column {
        header,
        expr,
        kind,
        join: "",
    }
}

impl Column {
    /// This column, read through `join`.
    const fn joined(self, join: &'static str) -> Column {
        Column { join, ..self }
    }
}

use Kind::{Amount, Flag, Number, Text, Time};

/// The CSV of one exported file: `SELECT <columns> FROM <from> <joins> WHERE <filter>`,
/// where the table is `t`, the joins are those its columns need, and `$1` is bound as the
/// registry's filter binds it. Columns come in groups so that views share runs of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub file: &'static str,
    pub from: &'static str,
    pub groups: &'static [&'static [Column]],
    pub filter: &'static str,
}

impl View {
    /// The columns, in order.
    pub fn columns(&self) -> impl Iterator<Item = &'static Column> + use<> {
        self.groups.iter().flat_map(|group| group.iter())
    }
}

/// Rows of the user's workspaces (the registry's filter, with the table named `t`).
const MEMBER_OF: &str = "t.workspace_id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = $1) ORDER BY t.id";

/// A linked record of `t.record_kind`/`t.record_id`.
const RECORD_JOINS: &str =
    "LEFT JOIN contacts rc ON t.record_kind = 'contact' AND rc.id = t.record_id
     LEFT JOIN companies ro ON t.record_kind = 'company' AND ro.id = t.record_id
     LEFT JOIN deals rd ON t.record_kind = 'deal' AND rd.id = t.record_id
     LEFT JOIN tasks rt ON t.record_kind = 'task' AND rt.id = t.record_id
     LEFT JOIN notes rn ON t.record_kind = 'note' AND rn.id = t.record_id";

const RECORD_HANDLE: &str = "CASE t.record_kind
     WHEN 'contact' THEN 'C' || CAST(rc.handle_no AS TEXT)
     WHEN 'company' THEN 'O' || CAST(ro.handle_no AS TEXT)
     WHEN 'deal' THEN 'D' || CAST(rd.handle_no AS TEXT)
     WHEN 'task' THEN 'T' || CAST(rt.handle_no AS TEXT)
     WHEN 'note' THEN 'N' || CAST(rn.handle_no AS TEXT) END";

const RECORD_NAME: &str = "COALESCE(rc.name, ro.name, rd.title, rt.body, rn.body)";

/// Where a file is in the ZIP: `attachments/<id>-<name>`, `/` and `\` in the name as `_`
/// (as [`super::export::attachment_entry`] names it).
const ATTACHMENT_ENTRY: &str = "'attachments/' || CAST(t.id AS TEXT) || '-' || \
     REPLACE(REPLACE(t.file_name, '/', '_'), '\\', '_')";

const COMPANY_JOIN: &str = "LEFT JOIN companies o ON o.id = t.company_id";
const CREATOR_JOIN: &str = "LEFT JOIN users uc ON uc.id = t.created_by";

// Columns many files share.
/// The workspace's name (`w`).
const WORKSPACE: Column =
    col("workspace", "w.name", Text).joined("LEFT JOIN workspaces w ON w.id = t.workspace_id");
/// The linked record of `t.record_kind`/`t.record_id` (see [`RECORD_JOINS`]).
const ON_RECORD: Column = col("record", RECORD_HANDLE, Text).joined(RECORD_JOINS);
const ON_RECORD_NAME: Column = col("record_name", RECORD_NAME, Text).joined(RECORD_JOINS);
/// The linked company (`o`).
const COMPANY: Column =
    col("company", "'O' || CAST(o.handle_no AS TEXT)", Text).joined(COMPANY_JOIN);
const COMPANY_NAME: Column = col("company_name", "o.name", Text).joined(COMPANY_JOIN);
/// The owner (`uo`) and the creator (`uc`) by display name.
const OWNER: Column =
    col("owner", "uo.display_name", Text).joined("LEFT JOIN users uo ON uo.id = t.owner_user_id");
const CREATED_BY: Column = col("created_by", "uc.display_name", Text).joined(CREATOR_JOIN);
const CREATED: Column = col("created", "t.created_at", Time);
const UPDATED: Column = col("updated", "t.updated_at", Time);
/// Who made a record and when it was made and last changed.
const STAMPS: &[Column] = &[CREATED_BY, CREATED, UPDATED];
/// A contact's or deal's company and owner.
const COMPANY_OWNER: &[Column] = &[COMPANY, COMPANY_NAME, OWNER];
/// The record a row is about.
const ON: &[Column] = &[ON_RECORD, ON_RECORD_NAME];

/// A file of rows of the user's workspaces.
const fn in_workspaces(
    file: &'static str,
    from: &'static str,
    groups: &'static [&'static [Column]],
) -> View {
    View {
        file,
        from,
        groups,
        filter: MEMBER_OF,
    }
}

/// A file of the user's own rows: `SELECT … FROM <from> WHERE <filter>`.
const fn own(
    file: &'static str,
    from: &'static str,
    groups: &'static [&'static [Column]],
    filter: &'static str,
) -> View {
    View {
        file,
        from,
        groups,
        filter,
    }
}

/// A record's handle (`C1`) from `t.handle_no`.
macro_rules! handle {
    ($letter:literal) => {
        col(
            "handle",
            concat!("'", $letter, "' || CAST(t.handle_no AS TEXT)"),
            Text,
        )
    };
}

pub const VIEWS: &[View] = &[
    own(
        "profile",
        "users t LEFT JOIN workspaces w ON w.id = t.current_workspace_id",
        &[&[
            col("name", "t.display_name", Text),
            col("language", "t.locale", Text),
            col("time_zone", "t.time_zone", Text),
            col("current_workspace", "w.name", Text),
            col("started", "t.started_at", Time),
            CREATED,
        ]],
        "t.id = $1",
    ),
    own(
        "identities",
        "identities t",
        &[&[
            col("channel", "t.channel", Text),
            col("account", "t.external_id", Text),
            col("chat", "t.chat_id", Text),
            col("active", "t.active", Flag),
            CREATED,
            col("linked", "t.linked_at", Time),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "workspaces",
        "workspaces t",
        &[&[
            col("name", "t.name", Text),
            col("kind", "t.kind", Text),
            CREATED,
        ]],
        "t.id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = $1) ORDER BY t.id",
    ),
    own(
        "memberships",
        "memberships t JOIN workspaces w ON w.id = t.workspace_id
             LEFT JOIN users u ON u.id = t.user_id",
        &[&[
            col("workspace", "w.name", Text),
            col("member", "u.display_name", Text),
            col("role", "t.role", Text),
            col("joined", "t.created_at", Time),
        ]],
        "t.workspace_id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = $1)
             ORDER BY t.workspace_id, t.user_id",
    ),
    in_workspaces(
        "contacts",
        "contacts t",
        &[
            &[
                WORKSPACE,
                handle!("C"),
                col("name", "t.name", Text),
                col("phone", "t.phone", Text),
                col("email", "t.email", Text),
                col("position", "t.position", Text),
            ],
            COMPANY_OWNER,
            STAMPS,
        ],
    ),
    in_workspaces(
        "companies",
        "companies t",
        &[
            &[
                WORKSPACE,
                handle!("O"),
                col("name", "t.name", Text),
                col("domain", "t.domain", Text),
                col("phone", "t.phone", Text),
            ],
            STAMPS,
        ],
    ),
    in_workspaces(
        "deals",
        "deals t LEFT JOIN contacts c ON c.id = t.contact_id",
        &[
            &[
                WORKSPACE,
                handle!("D"),
                col("title", "t.title", Text),
                col("amount", "t.amount_minor", Amount),
                col("currency", "t.currency", Text),
                col("stage", "t.stage", Text),
                col("status", "t.status", Text),
                col("expected_close", "t.expected_close", Text),
                col("contact", "'C' || CAST(c.handle_no AS TEXT)", Text),
                col("contact_name", "c.name", Text),
            ],
            COMPANY_OWNER,
            STAMPS,
        ],
    ),
    in_workspaces(
        "notes",
        "notes t LEFT JOIN users ua ON ua.id = t.author_user_id",
        &[
            &[WORKSPACE, handle!("N")],
            ON,
            &[
                col("body", "t.body", Text),
                col("author", "ua.display_name", Text),
                CREATED,
            ],
        ],
    ),
    in_workspaces(
        "tasks",
        "tasks t LEFT JOIN users ua ON ua.id = t.assignee_user_id",
        &[
            &[WORKSPACE, handle!("T"), col("task", "t.body", Text)],
            ON,
            &[
                col("due", "t.due_at", Time),
                col("assignee", "ua.display_name", Text),
                col("done", "t.done", Flag),
                col("done_at", "t.done_at", Time),
            ],
            STAMPS,
        ],
    ),
    in_workspaces(
        "activities",
        "activities t LEFT JOIN users ua ON ua.id = t.actor_user_id",
        &[
            &[WORKSPACE],
            ON,
            &[
                col("by", "ua.display_name", Text),
                col("action", "t.action", Text),
                col("detail", "t.detail", Text),
                col("at", "t.created_at", Time),
            ],
        ],
    ),
    own(
        "consents",
        "consents t",
        &[&[
            col("consent", "t.kind", Text),
            col("granted", "t.granted", Flag),
            col("policy_version", "t.policy_version", Text),
            col("changed", "t.changed_at", Time),
        ]],
        "t.user_id = $1 ORDER BY t.kind",
    ),
    own(
        "audit_log",
        "audit_log t",
        &[&[
            col("action", "t.action", Text),
            col("target", "t.target", Text),
            col("at", "t.created_at", Time),
        ]],
        "t.actor = $1 ORDER BY t.id",
    ),
    in_workspaces(
        "files",
        "files t",
        &[
            &[
                WORKSPACE,
                col("file_name", "t.file_name", Text),
                col("attachment", ATTACHMENT_ENTRY, Text),
                col("size_bytes", "t.size", Number),
            ],
            ON,
            &[CREATED_BY, CREATED],
        ],
    ),
    own(
        "ai_requests",
        "ai_requests t",
        &[&[
            WORKSPACE,
            col("feature", "t.feature", Text),
            col("channel", "t.channel", Text),
            col("text", "t.input", Text),
            col("prompt_version", "t.prompt_version", Text),
            col("status", "t.status", Text),
            col("tokens", "t.tokens", Number),
            col("error", "t.error_kind", Text),
            CREATED,
            col("finished", "t.finished_at", Time),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "ai_proposals",
        "ai_proposals t",
        &[&[
            WORKSPACE,
            col("proposal", "t.body", Text),
            col("status", "t.status", Text),
            col("expires", "t.expires_at", Time),
            CREATED,
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    View {
        file: "google_connection",
        from: "google_connections t",
        groups: &[&[
            col("account", "t.account_email", Text),
            col("scopes", "t.scopes", Text),
            col("status", "t.status", Text),
            col("connected", "t.connected_at", Time),
            col("last_sync", "t.last_sync_at", Time),
            col("last_error", "t.last_error", Text),
        ]],
        filter: "t.user_id = $1 ORDER BY t.id",
    },
    View {
        file: "google_calendar_events",
        from: "google_events t",
        groups: &[&[
            col("title", "t.summary", Text),
            col("starts", "t.starts_at", Time),
            col("ends", "t.ends_at", Time),
            col("status", "t.status", Text),
            col("record", "t.record_handle", Text),
        ]],
        filter: "t.user_id = $1 ORDER BY t.starts_at, t.event_id",
    },
    View {
        file: "gmail_threads",
        from: "gmail_threads t",
        groups: &[&[
            col("subject", "t.subject", Text),
            col("participants", "t.participants", Text),
            col("snippet", "t.snippet", Text),
            col("last_message", "t.last_at", Time),
            col("messages", "t.messages", Number),
        ]],
        filter: "t.user_id = $1 ORDER BY t.id",
    },
    View {
        file: "gmail_messages",
        from: "gmail_messages t",
        groups: &[&[
            col("thread", "t.thread_id", Text),
            col("subject", "t.subject", Text),
            col("participants", "t.participants", Text),
            col("snippet", "t.snippet", Text),
            col("sent", "t.sent_at", Time),
        ]],
        filter: "t.user_id = $1 ORDER BY t.id",
    },
    View {
        file: "gmail_shares",
        from: "gmail_shares t JOIN contacts c ON c.id = t.contact_id",
        groups: &[&[
            col("contact", "'C' || c.handle_no", Text),
            col("shared", "t.created_at", Time),
        ]],
        filter: "t.user_id = $1 ORDER BY t.contact_id",
    },
];

/// The CSV view of the exported file `file`.
pub fn view(file: &str) -> Option<&'static View> {
    VIEWS.iter().find(|v| v.file == file)
}

/// The query of `view`: its columns read as `c0`, `c1`, … (the names the Any driver finds
/// them by), with each join its columns need, once.
pub fn sql(view: &View) -> String {
    let columns: Vec<String> = view
        .columns()
        .enumerate()
        .map(|(i, c)| format!("{} AS c{i}", c.expr))
        .collect();
    let mut joins: Vec<&str> = Vec::new();
    for column in view.columns() {
        if !column.join.is_empty() && !joins.contains(&column.join) {
            joins.push(column.join);
        }
    }
    format!(
        "SELECT {} FROM {} {} WHERE {}",
        columns.join(", "),
        view.from,
        joins.join(" "),
        view.filter
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::registry;

    /// Every exported file has a CSV view, and no view shows an internal column.
    #[test]
    fn every_exported_file_has_a_readable_view() {
        for (table, file, ..) in registry::exported() {
            let view = view(file).unwrap_or_else(|| panic!("{table} has no CSV view"));
            for column in view.columns() {
                assert!(!column.header.contains("id"), "{file}: {}", column.header);
                for internal in ["search_key", "audit_pseudonym", "button_tag", ".id "] {
                    assert!(
                        !column.expr.contains(internal) || column.expr == ATTACHMENT_ENTRY,
                        "{file}: {}",
                        column.expr
                    );
                }
            }
        }
        assert_eq!(VIEWS.len(), registry::exported().count());
    }
}
