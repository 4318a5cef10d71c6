//! The exported tables, in the order the export writes them: for each, its file, the
//! columns of its JSON file and the filter that selects the user's rows.

use super::{Bind, Table, export};

/// Rows of the user's workspaces: exported to the file named like the table.
const fn in_workspaces(name: &'static str, columns: &'static [&'static [&'static str]]) -> Table {
    export(name, name, columns, IN_MEMBER_WORKSPACES, Bind::UserId)
}

/// The filter of rows in the workspaces the user is a member of.
const IN_MEMBER_WORKSPACES: &str =
    "workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY id";

/// A contact's or deal's company and owner.
const COMPANY_OWNER: &[&str] = &["company_id", "owner_user_id"];
/// Who made a record and when it was made and last changed.
const STAMPS: &[&str] = &["created_by", "created_at", "updated_at"];

/// The exported tables, in the order the export writes them. Column lists are explicit so
/// that both backends export the same columns; they are what the JSON files hold, every
/// column of the table except the [`super::INDEX_COLUMNS`] (and `files.content`, which is
/// exported as the attachment itself). Times are written in ISO 8601; records with a handle
/// also get their `handle` (`C1`). The CSV files show a readable selection
/// ([`crate::privacy::export_csv`]).
pub const EXPORTED: &[Table] = &[
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
];
