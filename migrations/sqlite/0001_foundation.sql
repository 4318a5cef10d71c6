-- Foundation schema (SQLite). Times are UTC milliseconds since the Unix epoch.
-- Flags are INTEGER 0/1: sqlx's Any driver cannot decode SQLite BOOLEAN columns.

CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('personal', 'team')),
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    display_name          TEXT    NOT NULL,
    locale                TEXT    NOT NULL,
    time_zone             TEXT    NOT NULL DEFAULT 'UTC',
    current_workspace_id  INTEGER REFERENCES workspaces (id) ON DELETE SET NULL,
    started_at            INTEGER,
    created_at            INTEGER NOT NULL
);

CREATE TABLE identities (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    chat_id      TEXT    NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    CONSTRAINT identities_channel_external_id_key UNIQUE (channel, external_id)
);
CREATE INDEX identities_user_id_idx ON identities (user_id);

CREATE TABLE memberships (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

CREATE TABLE handle_counters (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    last_no       INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, kind)
);

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no      INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    phone          TEXT,
    email          TEXT,
    position       TEXT,
    search_key     TEXT    NOT NULL,
    owner_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CONSTRAINT contacts_workspace_handle_key UNIQUE (workspace_id, handle_no)
);

CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind    TEXT    NOT NULL,
    record_id      INTEGER NOT NULL,
    actor_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action         TEXT    NOT NULL,
    detail         TEXT    NOT NULL DEFAULT '{}',
    created_at     INTEGER NOT NULL
);
CREATE INDEX activities_record_idx ON activities (workspace_id, record_kind, record_id, created_at);

CREATE TABLE dialogues (
    identity_id  INTEGER PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    state        TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE processed_inbound (
    channel       TEXT    NOT NULL,
    update_id     TEXT    NOT NULL,
    processed_at  INTEGER NOT NULL,
    PRIMARY KEY (channel, update_id)
);
CREATE INDEX processed_inbound_processed_at_idx ON processed_inbound (processed_at);
