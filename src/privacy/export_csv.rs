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

// The columns of each kind: `header`, read from `expr`.
const fn text(header: &'static str, expr: &'static str) -> Column {
    col(header, expr, Kind::Text)
}
const fn number(header: &'static str, expr: &'static str) -> Column {
    col(header, expr, Kind::Number)
}
const fn time(header: &'static str, expr: &'static str) -> Column {
    col(header, expr, Kind::Time)
}
const fn flag(header: &'static str, expr: &'static str) -> Column {
    col(header, expr, Kind::Flag)
}
const fn amount(header: &'static str, expr: &'static str) -> Column {
    col(header, expr, Kind::Amount)
}

impl Column {
    /// This column, read through `join`.
    const fn joined(self, join: &'static str) -> Column {
        Column { join, ..self }
    }
}

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
    text("workspace", "w.name").joined("LEFT JOIN workspaces w ON w.id = t.workspace_id");
/// The linked record of `t.record_kind`/`t.record_id` (see [`RECORD_JOINS`]).
const ON_RECORD: Column = text("record", RECORD_HANDLE).joined(RECORD_JOINS);
const ON_RECORD_NAME: Column = text("record_name", RECORD_NAME).joined(RECORD_JOINS);
/// The linked company (`o`).
const COMPANY: Column = text("company", "'O' || CAST(o.handle_no AS TEXT)").joined(COMPANY_JOIN);
const COMPANY_NAME: Column = text("company_name", "o.name").joined(COMPANY_JOIN);
/// The owner (`uo`) and the creator (`uc`) by display name.
const OWNER: Column =
    text("owner", "uo.display_name").joined("LEFT JOIN users uo ON uo.id = t.owner_user_id");
const CREATED_BY: Column = text("created_by", "uc.display_name").joined(CREATOR_JOIN);
const CREATED: Column = time("created", "t.created_at");
const UPDATED: Column = time("updated", "t.updated_at");
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
        text(
            "handle",
            concat!("'", $letter, "' || CAST(t.handle_no AS TEXT)"),
        )
    };
}

pub const VIEWS: &[View] = &[
    own(
        "profile",
        "users t LEFT JOIN workspaces w ON w.id = t.current_workspace_id",
        &[&[
            text("name", "t.display_name"),
            text("language", "t.locale"),
            text("time_zone", "t.time_zone"),
            text("current_workspace", "w.name"),
            time("started", "t.started_at"),
            CREATED,
        ]],
        "t.id = $1",
    ),
    own(
        "identities",
        "identities t",
        &[&[
            text("channel", "t.channel"),
            text("account", "t.external_id"),
            text("chat", "t.chat_id"),
            flag("active", "t.active"),
            CREATED,
            time("linked", "t.linked_at"),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "workspaces",
        "workspaces t",
        &[&[text("name", "t.name"), text("kind", "t.kind"), CREATED]],
        "t.id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = $1) ORDER BY t.id",
    ),
    own(
        "memberships",
        "memberships t JOIN workspaces w ON w.id = t.workspace_id
             LEFT JOIN users u ON u.id = t.user_id",
        &[&[
            text("workspace", "w.name"),
            text("member", "u.display_name"),
            text("role", "t.role"),
            time("joined", "t.created_at"),
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
                text("name", "t.name"),
                text("phone", "t.phone"),
                text("email", "t.email"),
                text("position", "t.position"),
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
                text("name", "t.name"),
                text("domain", "t.domain"),
                text("phone", "t.phone"),
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
                text("title", "t.title"),
                amount("amount", "t.amount_minor"),
                text("currency", "t.currency"),
                text("stage", "t.stage"),
                text("status", "t.status"),
                text("expected_close", "t.expected_close"),
                text("contact", "'C' || CAST(c.handle_no AS TEXT)"),
                text("contact_name", "c.name"),
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
                text("body", "t.body"),
                text("author", "ua.display_name"),
                CREATED,
            ],
        ],
    ),
    in_workspaces(
        "tasks",
        "tasks t LEFT JOIN users ua ON ua.id = t.assignee_user_id",
        &[
            &[WORKSPACE, handle!("T"), text("task", "t.body")],
            ON,
            &[
                time("due", "t.due_at"),
                text("assignee", "ua.display_name"),
                flag("done", "t.done"),
                time("done_at", "t.done_at"),
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
                text("by", "ua.display_name"),
                text("action", "t.action"),
                text("detail", "t.detail"),
                time("at", "t.created_at"),
            ],
        ],
    ),
    own(
        "consents",
        "consents t",
        &[&[
            text("consent", "t.kind"),
            flag("granted", "t.granted"),
            text("policy_version", "t.policy_version"),
            time("changed", "t.changed_at"),
        ]],
        "t.user_id = $1 ORDER BY t.kind",
    ),
    own(
        "audit_log",
        "audit_log t",
        &[&[
            text("action", "t.action"),
            text("target", "t.target"),
            time("at", "t.created_at"),
        ]],
        "t.actor = $1 ORDER BY t.id",
    ),
    in_workspaces(
        "files",
        "files t",
        &[
            &[
                WORKSPACE,
                text("file_name", "t.file_name"),
                text("attachment", ATTACHMENT_ENTRY),
                number("size_bytes", "t.size"),
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
            text("feature", "t.feature"),
            text("channel", "t.channel"),
            text("text", "t.input"),
            text("prompt_version", "t.prompt_version"),
            text("status", "t.status"),
            number("tokens", "t.tokens"),
            text("error", "t.error_kind"),
            CREATED,
            time("finished", "t.finished_at"),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "ai_proposals",
        "ai_proposals t",
        &[&[
            WORKSPACE,
            text("proposal", "t.body"),
            text("status", "t.status"),
            time("expires", "t.expires_at"),
            CREATED,
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "google_connection",
        "google_connections t",
        &[&[
            text("account", "t.account_email"),
            text("scopes", "t.scopes"),
            text("status", "t.status"),
            time("connected", "t.connected_at"),
            time("last_sync", "t.last_sync_at"),
            text("last_error", "t.last_error"),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "google_calendar_events",
        "google_events t",
        &[&[
            text("title", "t.summary"),
            time("starts", "t.starts_at"),
            time("ends", "t.ends_at"),
            text("status", "t.status"),
            text("record", "t.record_handle"),
        ]],
        "t.user_id = $1 ORDER BY t.starts_at, t.event_id",
    ),
    own(
        "gmail_threads",
        "gmail_threads t",
        &[&[
            text("subject", "t.subject"),
            text("participants", "t.participants"),
            text("snippet", "t.snippet"),
            time("last_message", "t.last_at"),
            number("messages", "t.messages"),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "gmail_messages",
        "gmail_messages t",
        &[&[
            text("thread", "t.thread_id"),
            text("subject", "t.subject"),
            text("participants", "t.participants"),
            text("snippet", "t.snippet"),
            time("sent", "t.sent_at"),
        ]],
        "t.user_id = $1 ORDER BY t.id",
    ),
    own(
        "gmail_shares",
        "gmail_shares t JOIN contacts c ON c.id = t.contact_id",
        &[&[
            text("contact", "'C' || c.handle_no"),
            time("shared", "t.created_at"),
        ]],
        "t.user_id = $1 ORDER BY t.contact_id",
    ),
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
