-- The whole CRM (PostgreSQL): companies, deals, notes, tasks, invites, the outbox and
-- full-text search. Times are UTC milliseconds; flags are BIGINT 0/1.

CREATE TABLE companies (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no   BIGINT NOT NULL,
    name        TEXT    NOT NULL,
    domain      TEXT,
    phone       TEXT,
    search_key  TEXT    NOT NULL,
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    CONSTRAINT companies_workspace_handle_key UNIQUE (workspace_id, handle_no)
);

ALTER TABLE contacts ADD COLUMN company_id BIGINT REFERENCES companies (id) ON DELETE SET NULL;
CREATE INDEX contacts_company_idx ON contacts (company_id);
CREATE INDEX contacts_email_idx ON contacts (workspace_id, email);
CREATE INDEX contacts_phone_idx ON contacts (workspace_id, phone);

CREATE TABLE deals (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id    BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no       BIGINT NOT NULL,
    title           TEXT    NOT NULL,
    amount_minor    BIGINT,
    currency        TEXT,
    stage           TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'won', 'lost')),
    expected_close  TEXT,
    contact_id      BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    company_id      BIGINT REFERENCES companies (id) ON DELETE SET NULL,
    owner_user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    search_key      TEXT    NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    CONSTRAINT deals_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
CREATE INDEX deals_stage_idx ON deals (workspace_id, stage);
CREATE INDEX deals_contact_idx ON deals (contact_id);
CREATE INDEX deals_company_idx ON deals (company_id);

CREATE TABLE notes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id    BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no       BIGINT NOT NULL,
    record_kind     TEXT    NOT NULL,
    record_id       BIGINT NOT NULL,
    body            TEXT    NOT NULL,
    search_key      TEXT    NOT NULL,
    author_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    CONSTRAINT notes_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
CREATE INDEX notes_record_idx ON notes (workspace_id, record_kind, record_id);

CREATE TABLE tasks (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id      BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no         BIGINT NOT NULL,
    body              TEXT    NOT NULL,
    record_kind       TEXT,
    record_id         BIGINT,
    due_at            BIGINT,
    assignee_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    done              BIGINT NOT NULL DEFAULT 0,
    done_at           BIGINT,
    reminded_at       BIGINT,
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    CONSTRAINT tasks_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
CREATE INDEX tasks_reminder_idx ON tasks (done, reminded_at, due_at);
CREATE INDEX tasks_assignee_idx ON tasks (assignee_user_id, done, due_at);
CREATE INDEX tasks_record_idx ON tasks (workspace_id, record_kind, record_id);

CREATE TABLE invites (
    code          TEXT    PRIMARY KEY,
    workspace_id  BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'member')),
    created_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    used_at       BIGINT
);

ALTER TABLE users ADD COLUMN last_identity_id BIGINT REFERENCES identities (id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN digest_sent_on TEXT;

CREATE TABLE outbox (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identity_id          BIGINT REFERENCES identities (id) ON DELETE CASCADE,
    channel              TEXT    NOT NULL,
    chat_id              TEXT    NOT NULL,
    body                 TEXT    NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'pending',
    attempts             BIGINT NOT NULL DEFAULT 0,
    next_attempt_at      BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    sent_at              BIGINT,
    provider_message_id  TEXT,
    delivery_status      TEXT,
    error                TEXT
);
CREATE INDEX outbox_pending_idx ON outbox (channel, status, next_attempt_at);

-- Full-text search: a stored tsvector of the folded search_key (lower case, no accents,
-- punctuation as spaces) with the 'simple' configuration, so both backends tokenize alike,
-- and a GIN index over it.
ALTER TABLE contacts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_key)) STORED;
ALTER TABLE companies ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_key)) STORED;
ALTER TABLE deals ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_key)) STORED;
ALTER TABLE notes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_key)) STORED;
CREATE INDEX contacts_search_idx ON contacts USING GIN (search_vector);
CREATE INDEX companies_search_idx ON companies USING GIN (search_vector);
CREATE INDEX deals_search_idx ON deals USING GIN (search_vector);
CREATE INDEX notes_search_idx ON notes USING GIN (search_vector);
