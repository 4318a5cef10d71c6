-- Google Calendar (SQLite). `google_events`: the user's own events of their primary calendar,
-- cached by the sync (a bounded window: 30 days back, 90 ahead, then every change) — the event
-- id, title, start and end (UTC milliseconds), all-day, status, the CRM record it is linked to
-- (the handle kept in its private extended property) and Google's `updated`. Deleted with the
-- connection (disconnect, account erasure). `google_calendar_state`: the calendar's sync token
-- and when it was last synced. `google_meet_requests`: a /meet waiting for the worker to
-- create the event at Google (deleted once created or refused).
CREATE TABLE google_events (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id       TEXT    NOT NULL,
    summary        TEXT    NOT NULL DEFAULT '',
    starts_at      INTEGER NOT NULL,
    ends_at        INTEGER NOT NULL,
    all_day        INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL,
    record_handle  TEXT,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
CREATE INDEX google_events_start_idx ON google_events (user_id, starts_at);

CREATE TABLE google_calendar_state (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sync_token  TEXT,
    synced_at   INTEGER NOT NULL
);

CREATE TABLE google_meet_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind   TEXT    NOT NULL,
    record_id     INTEGER NOT NULL,
    handle        TEXT    NOT NULL,
    event_id      TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    time_zone     TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX google_meet_requests_user_idx ON google_meet_requests (user_id, id);
