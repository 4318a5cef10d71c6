//! What the export leaves out, and why: the tables it does not export (transient copies,
//! secrets, technical state), SQLite's own tables, and the columns of exported tables that
//! are not in their JSON files.

use super::{Table, excluded, excluded_personal};

/// The tables that are not exported, each with the reason.
pub const NOT_EXPORTED: &[Table] = &[
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
    excluded(
        "ai_usage",
        "no personal data: the AI tokens a workspace used per day, for its daily budget",
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
