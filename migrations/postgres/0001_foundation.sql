-- Foundation schema (PostgreSQL). Times are UTC milliseconds since the Unix epoch.
-- Integers are BIGINT so that the shared queries decode to i64 as on SQLite; flags are 0/1.

CREATE TABLE workspaces (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('personal', 'team')),
    created_at  BIGINT  NOT NULL
);

CREATE TABLE users (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    display_name          TEXT    NOT NULL,
    locale                TEXT    NOT NULL,
    time_zone             TEXT    NOT NULL DEFAULT 'UTC',
    current_workspace_id  BIGINT  REFERENCES workspaces (id) ON DELETE SET NULL,
    started_at            BIGINT,
    created_at            BIGINT  NOT NULL
);

CREATE TABLE identities (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    chat_id      TEXT    NOT NULL,
    active       BIGINT  NOT NULL DEFAULT 1,
    created_at   BIGINT  NOT NULL,
    CONSTRAINT identities_channel_external_id_key UNIQUE (channel, external_id)
);
CREATE INDEX identities_user_id_idx ON identities (user_id);

CREATE TABLE memberships (
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

CREATE TABLE handle_counters (
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    last_no       BIGINT  NOT NULL,
    PRIMARY KEY (workspace_id, kind)
);

CREATE TABLE contacts (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id   BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no      BIGINT  NOT NULL,
    name           TEXT    NOT NULL,
    phone          TEXT,
    email          TEXT,
    position       TEXT,
    search_key     TEXT    NOT NULL,
    owner_user_id  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_by     BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    CONSTRAINT contacts_workspace_handle_key UNIQUE (workspace_id, handle_no)
);

CREATE TABLE activities (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id   BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind    TEXT    NOT NULL,
    record_id      BIGINT  NOT NULL,
    actor_user_id  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    action         TEXT    NOT NULL,
    detail         TEXT    NOT NULL DEFAULT '{}',
    created_at     BIGINT  NOT NULL
);
CREATE INDEX activities_record_idx ON activities (workspace_id, record_kind, record_id, created_at);

CREATE TABLE dialogues (
    identity_id  BIGINT  PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    state        TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL
);

CREATE TABLE processed_inbound (
    channel       TEXT    NOT NULL,
    update_id     TEXT    NOT NULL,
    processed_at  BIGINT  NOT NULL,
    PRIMARY KEY (channel, update_id)
);
CREATE INDEX processed_inbound_processed_at_idx ON processed_inbound (processed_at);
