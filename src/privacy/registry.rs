//! Every table in the database and how `/export` treats it: exported (the columns, and the
//! filter that selects what the user may see) or excluded with the reason. A test fails
//! when a migration adds a table that is in neither list, so no new table is forgotten.

/// What an export query's one parameter (`$1`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bind {
    /// The user's id.
    UserId,
    /// The user's audit-log pseudonym (`users.audit_pseudonym`, see
    /// `crate::store::privacy::pseudonym`).
    Pseudonym,
}

/// How one table is treated by the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Exported as `<file>.json` and `<file>.csv`: `SELECT <columns> FROM <table> WHERE <filter>`
    /// (the columns in groups, so that tables share runs of them).
    Export {
        file: &'static str,
        columns: &'static [&'static [&'static str]],
        filter: &'static str,
        bind: Bind,
    },
    /// Not exported, for this reason.
    Excluded(&'static str),
}

/// One table of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub disposition: Disposition,
    /// Whether its rows can hold personal data (every exported table does): account
    /// deletion vacuums these on PostgreSQL (`crate::privacy::scrub`).
    pub personal: bool,
}

const fn export(
    name: &'static str,
    file: &'static str,
    columns: &'static [&'static [&'static str]],
    filter: &'static str,
    bind: Bind,
) -> Table {
    Table {
        name,
        disposition: Disposition::Export {
            file,
            columns,
            filter,
            bind,
        },
        personal: true,
    }
}

/// A contact's or deal's company and owner.
const COMPANY_OWNER: &[&str] = &["company_id", "owner_user_id"];
/// Who made a record and when it was made and last changed.
const STAMPS: &[&str] = &["created_by", "created_at", "updated_at"];

/// Rows of the user's workspaces: exported to the file named like the table.
const fn in_workspaces(name: &'static str, columns: &'static [&'static [&'static str]]) -> Table {
    export(name, name, columns, IN_MEMBER_WORKSPACES, Bind::UserId)
}

/// The filter of rows in the workspaces the user is a member of.
const IN_MEMBER_WORKSPACES: &str =
    "workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY id";

/// A table without personal data, not exported.
const fn excluded(name: &'static str, reason: &'static str) -> Table {
    Table {
        name,
        disposition: Disposition::Excluded(reason),
        personal: false,
    }
}

/// A table that holds personal data for a while but is not exported, for this reason.
const fn excluded_personal(name: &'static str, reason: &'static str) -> Table {
    Table {
        name,
        disposition: Disposition::Excluded(reason),
        personal: true,
    }
}

/// Every table, in the order the export writes them. Column lists are explicit so that
/// both backends export the same columns; they are what the JSON files hold, every column
/// of the table except the [`INDEX_COLUMNS`] (and `files.content`, which is exported as the
/// attachment itself). Times are written in ISO 8601; records with a handle also get their
/// `handle` (`C1`). The CSV files show a readable selection ([`super::export_csv`]).
pub const TABLES: &[Table] = &[
    export(
        "users",
        "profile",
        &[&[
            "id",
            "display_name",
            "locale",
            "time_zone",
            "current_workspace_id",
            "last_identity_id",
            "digest_sent_on",
            "started_at",
            "created_at",
            "button_tag",
            "audit_pseudonym",
        ]],
        "id = $1",
        Bind::UserId,
    ),
    export(
        "identities",
        "identities",
        &[&[
            "id",
            "user_id",
            "channel",
            "external_id",
            "chat_id",
            "active",
            "created_at",
            "linked_at",
        ]],
        "user_id = $1 ORDER BY id",
        Bind::UserId,
    ),
    export(
        "workspaces",
        "workspaces",
        &[&["id", "name", "kind", "phone_region", "created_at"]],
        "id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY id",
        Bind::UserId,
    ),
    export(
        "memberships",
        "memberships",
        &[&["workspace_id", "user_id", "role", "created_at"]],
        "workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY workspace_id, user_id",
        Bind::UserId,
    ),
    in_workspaces(
        "contacts",
        &[
            &["id", "workspace_id", "name", "phone", "email", "position"],
            COMPANY_OWNER,
            STAMPS,
        ],
    ),
    in_workspaces(
        "companies",
        &[&["id", "workspace_id", "name", "domain", "phone"], STAMPS],
    ),
    in_workspaces(
        "deals",
        &[
            &[
                "id",
                "workspace_id",
                "title",
                "amount_minor",
                "currency",
                "stage",
                "status",
                "expected_close",
                "contact_id",
            ],
            COMPANY_OWNER,
            STAMPS,
        ],
    ),
    in_workspaces(
        "notes",
        &[&[
            "id",
            "workspace_id",
            "record_kind",
            "record_id",
            "body",
            "author_user_id",
            "created_at",
        ]],
    ),
    in_workspaces(
        "tasks",
        &[&[
            "id",
            "workspace_id",
            "body",
            "record_kind",
            "record_id",
            "due_at",
            "assignee_user_id",
            "done",
            "done_at",
            "reminded_at",
            "created_by",
            "created_at",
            "updated_at",
        ]],
    ),
    in_workspaces(
        "activities",
        &[&[
            "id",
            "workspace_id",
            "record_kind",
            "record_id",
            "actor_user_id",
            "action",
            "detail",
            "created_at",
        ]],
    ),
    export(
        "consents",
        "consents",
        &[&["user_id", "kind", "granted", "policy_version", "changed_at"]],
        "user_id = $1 ORDER BY kind",
        Bind::UserId,
    ),
    export(
        "audit_log",
        "audit_log",
        &[&["id", "actor", "action", "target", "created_at"]],
        "actor = $1 ORDER BY id",
        Bind::Pseudonym,
    ),
    excluded(
        "processed_inbound",
        "no personal data: channel update ids kept only to drop redeliveries, purged by retention",
    ),
    excluded(
        "handle_counters",
        "no personal data: the last handle number per workspace and record kind",
    ),
    excluded(
        "_sqlx_migrations",
        "no personal data: the schema version history",
    ),
    excluded_personal(
        "outbox",
        "transient delivery queue: copies of replies and reminders built from records already \
         exported, purged by retention once sent",
    ),
    excluded_personal(
        "webhook_inbox",
        "transient raw channel deliveries awaiting processing, purged by retention; what they \
         caused is exported as records",
    ),
    excluded(
        "channel_state",
        "no personal data: per-channel technical state such as the polling offset",
    ),
    in_workspaces(
        "files",
        &[&[
            "id",
            "workspace_id",
            "record_kind",
            "record_id",
            "file_name",
            "size",
            "created_by",
            "created_at",
        ]],
    ),
    // The user's own AI requests and capture cards (their text is customer data, §2.2):
    // theirs alone, not their workspaces' (another member's notes are not theirs to read).
    export(
        "ai_requests",
        "ai_requests",
        &[&[
            "id",
            "workspace_id",
            "user_id",
            "identity_id",
            "channel",
            "chat_id",
            "feature",
            "input",
            "prompt_version",
            "status",
            "attempts",
            "lease_until",
            "tokens",
            "error_kind",
            "created_at",
            "finished_at",
        ]],
        "user_id = $1 ORDER BY id",
        Bind::UserId,
    ),
    export(
        "google_connections",
        "google_connection",
        &[&[
            "id",
            "user_id",
            "account_email",
            "scopes",
            "access_expires_at",
            "status",
            "connected_at",
            "last_sync_at",
            "last_error",
            "last_error_at",
            "failures",
            "next_sync_at",
            "leased_until",
        ]],
        "user_id = $1 ORDER BY id",
        Bind::UserId,
    ),
    export(
        "google_events",
        "google_calendar_events",
        &[&[
            "user_id",
            "event_id",
            "summary",
            "starts_at",
            "ends_at",
            "all_day",
            "status",
            "record_handle",
            "updated_at",
        ]],
        "user_id = $1 ORDER BY starts_at, event_id",
        Bind::UserId,
    ),
    excluded_personal(
        "google_meet_requests",
        "a /meet waiting a few seconds for the Google worker; once created the meeting is in \
         the exported calendar events and on the record's timeline",
    ),
    excluded_personal(
        "google_calendar_state",
        "the Calendar sync token (an opaque Google cursor) and when the cache was last synced; \
         deleted with the connection",
    ),
    export(
        "ai_proposals",
        "ai_proposals",
        &[&[
            "id",
            "request_id",
            "workspace_id",
            "user_id",
            "body",
            "status",
            "expires_at",
            "created_at",
        ]],
        "user_id = $1 ORDER BY id",
        Bind::UserId,
    ),
    export(
        "gmail_threads",
        "gmail_threads",
        &[&[
            "id",
            "connection_id",
            "user_id",
            "thread_id",
            "subject",
            "participants",
            "snippet",
            "last_at",
            "messages",
        ]],
        "user_id = $1 ORDER BY id",
        Bind::UserId,
    ),
    excluded(
        "ai_usage",
        "no personal data: the AI tokens a workspace used per day, for its daily budget",
    ),
    export(
        "gmail_messages",
        "gmail_messages",
        &[&[
            "id",
            "connection_id",
            "user_id",
            "message_id",
            "thread_id",
            "subject",
            "participants",
            "snippet",
            "sent_at",
        ]],
        "user_id = $1 ORDER BY id",
        Bind::UserId,
    ),
    export(
        "gmail_shares",
        "gmail_shares",
        &[&["user_id", "contact_id", "created_at"]],
        "user_id = $1 ORDER BY contact_id",
        Bind::UserId,
    ),
    excluded_personal(
        "gmail_thread_contacts",
        "which contacts a cached Gmail thread involves, derived from the thread's participants \
         (exported in gmail_threads); deleted with the connection",
    ),
    excluded_personal(
        "gmail_sync",
        "Gmail sync bookkeeping: the last history id and the contacts' addresses the last full \
         sync searched (the contacts are exported); deleted with the connection",
    ),
    excluded_personal(
        "google_oauth_states",
        "a /connect_google link waiting for Google's answer for at most 10 minutes: the state's \
         digest and the sealed PKCE verifier, secrets of no use to the user",
    ),
    excluded(
        "google_revocations",
        "sealed refresh tokens of erased accounts waiting to be revoked at Google; tied to no user",
    ),
    excluded_personal(
        "export_links",
        "one-time download secrets for export files; they point at the export itself",
    ),
    excluded_personal(
        "link_codes",
        "short-lived one-time secrets; the identities they join are exported",
    ),
    excluded_personal(
        "link_attempts",
        "times of wrong link codes, kept at most an hour to throttle guessing",
    ),
    excluded_personal(
        "invites",
        "one-time join codes (credentials for a workspace); the memberships they create are exported",
    ),
    excluded_personal(
        "dialogues",
        "transient state of a step-by-step flow in progress, purged by retention",
    ),
    excluded_personal(
        "pending_choices",
        "the buttons of a question waiting for a typed answer (a label may name a member), expiring after 24 h and purged by retention",
    ),
];

/// Columns of exported tables that are not exported, and why: indexes derived from data
/// that is exported, and the content of attached files (each is its own ZIP entry).
pub const INDEX_COLUMNS: &[(&str, &str)] = &[
    (
        "access_token",
        "a sealed Google OAuth token: never exported (the connection's metadata is)",
    ),
    (
        "refresh_token",
        "a sealed Google OAuth token: never exported (the connection's metadata is)",
    ),
    (
        "search_key",
        "search index: the folded name, phone, e-mail… of the record, all exported",
    ),
    ("search_vector", "PostgreSQL full-text index of search_key"),
    (
        "handle_no",
        "the number of the record's handle, exported as the handle itself (`C1`)",
    ),
    (
        "content",
        "a file's bytes, exported as attachments/<id>-<name>",
    ),
];

/// The letter of the handles of `table`'s records (`contacts` → `C`), if they have handles.
pub fn handle_prefix(table: &str) -> Option<char> {
    use crate::crm::handle::RecordKind;
    let kind = match table {
        "contacts" => RecordKind::Contact,
        "companies" => RecordKind::Company,
        "deals" => RecordKind::Deal,
        "tasks" => RecordKind::Task,
        "notes" => RecordKind::Note,
        _ => return None,
    };
    Some(kind.prefix())
}

/// SQLite-only tables, by name suffix: the FTS5 search index (the virtual tables and their
/// shadow tables) and the AUTOINCREMENT counters.
pub const EXCLUDED_SUFFIXES: &[(&str, &str)] = &[
    (
        "sqlite_sequence",
        "no personal data: the largest id each table has used (SQLite), so ids are never reused",
    ),
    (
        "_fts",
        "full-text search index (SQLite FTS5) derived from the records' text, which is exported",
    ),
    ("_fts_data", "FTS5 shadow table of the search index"),
    ("_fts_idx", "FTS5 shadow table of the search index"),
    ("_fts_docsize", "FTS5 shadow table of the search index"),
    ("_fts_config", "FTS5 shadow table of the search index"),
    ("_fts_content", "FTS5 shadow table of the search index"),
];

/// How `table` is treated: its entry, or the exclusion reason of an FTS5 table.
pub fn disposition(table: &str) -> Option<Disposition> {
    if let Some(entry) = TABLES.iter().find(|t| t.name == table) {
        return Some(entry.disposition);
    }
    EXCLUDED_SUFFIXES
        .iter()
        .find(|(suffix, _)| table.ends_with(suffix))
        .map(|(_, reason)| Disposition::Excluded(reason))
}

/// The exported tables, in order.
pub fn exported() -> impl Iterator<
    Item = (
        &'static str,
        &'static str,
        Vec<&'static str>,
        &'static str,
        Bind,
    ),
> {
    TABLES.iter().filter_map(|t| match t.disposition {
        Disposition::Export {
            file,
            columns,
            filter,
            bind,
        } => Some((t.name, file, columns.concat(), filter, bind)),
        Disposition::Excluded(_) => None,
    })
}

/// The tables whose rows can hold personal data, in registry order.
pub fn personal() -> impl Iterator<Item = &'static str> {
    TABLES.iter().filter(|t| t.personal).map(|t| t.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_unique_and_reasons_are_given() {
        for (i, t) in TABLES.iter().enumerate() {
            assert!(
                TABLES[i + 1..].iter().all(|o| o.name != t.name),
                "{} listed twice",
                t.name
            );
            if let Disposition::Excluded(reason) = t.disposition {
                assert!(!reason.trim().is_empty(), "{} needs a reason", t.name);
            }
        }
        assert_eq!(
            disposition("contacts_fts_idx").map(|d| matches!(d, Disposition::Excluded(_))),
            Some(true)
        );
        assert_eq!(disposition("no_such_table"), None);
    }

    /// What the export holds, and that every workspace table is read only from the
    /// workspaces the user is a member of (the files' filter among them).
    #[test]
    fn the_export_reads_the_users_rows_and_their_workspaces_only() {
        let tables: Vec<&str> = exported().map(|(table, ..)| table).collect();
        assert_eq!(
            tables,
            [
                "users",
                "identities",
                "workspaces",
                "memberships",
                "contacts",
                "companies",
                "deals",
                "notes",
                "tasks",
                "activities",
                "consents",
                "audit_log",
                "files",
                "ai_requests",
                "google_connections",
                "google_events",
                "ai_proposals",
                "gmail_threads",
                "gmail_messages",
                "gmail_shares"
            ]
        );
        let member_of =
            "workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY id";
        for (table, file, columns, filter, bind) in exported() {
            assert!(!file.is_empty() && !columns.is_empty(), "{table}");
            if ["ai_requests", "ai_proposals"].contains(&table) {
                // The user's own AI requests and cards, never another member's.
                assert_eq!(filter, "user_id = $1 ORDER BY id", "{table}");
            } else if columns.contains(&"workspace_id") && table != "memberships" {
                assert_eq!(filter, member_of, "{table}");
                assert_eq!(bind, Bind::UserId, "{table}");
            }
        }
        let files = exported().find(|(table, ..)| *table == "files").unwrap();
        assert_eq!((files.1, files.3), ("files", member_of));
        let Some(Disposition::Export {
            file,
            columns,
            filter,
            bind,
        }) = disposition("files")
        else {
            panic!("files is not exported");
        };
        let files_row = (files.1, files.2, files.3, files.4);
        assert_eq!((file, columns.concat(), filter, bind), files_row);
        assert!(matches!(
            disposition("outbox"),
            Some(Disposition::Excluded(_))
        ));
    }

    #[test]
    fn every_exported_table_and_the_transient_copies_are_personal() {
        let personal: Vec<&str> = personal().collect();
        for (table, ..) in exported() {
            assert!(personal.contains(&table), "{table}");
        }
        for table in ["files", "audit_log", "outbox", "webhook_inbox", "dialogues"] {
            assert!(personal.contains(&table), "{table}");
        }
        for table in [
            "processed_inbound",
            "handle_counters",
            "_sqlx_migrations",
            "channel_state",
        ] {
            assert!(!personal.contains(&table), "{table}");
        }
    }
}
