-- The whole CRM (SQLite): companies, deals, notes, tasks, invites, the outbox and
-- full-text search. Times are UTC milliseconds; flags are INTEGER 0/1.

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no   INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    domain      TEXT,
    phone       TEXT,
    search_key  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT companies_workspace_handle_key UNIQUE (workspace_id, handle_no)
);

ALTER TABLE contacts ADD COLUMN company_id INTEGER REFERENCES companies (id) ON DELETE SET NULL;
CREATE INDEX contacts_company_idx ON contacts (company_id);
CREATE INDEX contacts_email_idx ON contacts (workspace_id, email);
CREATE INDEX contacts_phone_idx ON contacts (workspace_id, phone);

CREATE TABLE deals (
    id              INTEGER PRIMARY KEY,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no       INTEGER NOT NULL,
    title           TEXT    NOT NULL,
    amount_minor    INTEGER,
    currency        TEXT,
    stage           TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'won', 'lost')),
    expected_close  TEXT,
    contact_id      INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    company_id      INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    owner_user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    search_key      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CONSTRAINT deals_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
CREATE INDEX deals_stage_idx ON deals (workspace_id, stage);
CREATE INDEX deals_contact_idx ON deals (contact_id);
CREATE INDEX deals_company_idx ON deals (company_id);

CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no       INTEGER NOT NULL,
    record_kind     TEXT    NOT NULL,
    record_id       INTEGER NOT NULL,
    body            TEXT    NOT NULL,
    search_key      TEXT    NOT NULL,
    author_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    CONSTRAINT notes_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
CREATE INDEX notes_record_idx ON notes (workspace_id, record_kind, record_id);

CREATE TABLE tasks (
    id                INTEGER PRIMARY KEY,
    workspace_id      INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    handle_no         INTEGER NOT NULL,
    body              TEXT    NOT NULL,
    record_kind       TEXT,
    record_id         INTEGER,
    due_at            INTEGER,
    assignee_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    done              INTEGER NOT NULL DEFAULT 0,
    done_at           INTEGER,
    reminded_at       INTEGER,
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CONSTRAINT tasks_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
CREATE INDEX tasks_reminder_idx ON tasks (done, reminded_at, due_at);
CREATE INDEX tasks_assignee_idx ON tasks (assignee_user_id, done, due_at);
CREATE INDEX tasks_record_idx ON tasks (workspace_id, record_kind, record_id);

CREATE TABLE invites (
    code          TEXT    PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'member')),
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    used_at       INTEGER
);

ALTER TABLE users ADD COLUMN last_identity_id INTEGER REFERENCES identities (id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN digest_sent_on TEXT;

CREATE TABLE outbox (
    id                   INTEGER PRIMARY KEY,
    identity_id          INTEGER REFERENCES identities (id) ON DELETE CASCADE,
    channel              TEXT    NOT NULL,
    chat_id              TEXT    NOT NULL,
    body                 TEXT    NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'pending',
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    sent_at              INTEGER,
    provider_message_id  TEXT,
    delivery_status      TEXT,
    error                TEXT
);
CREATE INDEX outbox_pending_idx ON outbox (channel, status, next_attempt_at);

-- Full-text search: one external-content FTS5 index per record kind, kept in step by
-- triggers. search_key is folded text (lower case, no accents, punctuation as spaces).
CREATE VIRTUAL TABLE contacts_fts USING fts5(search_key, content = 'contacts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE VIRTUAL TABLE companies_fts USING fts5(search_key, content = 'companies', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE VIRTUAL TABLE deals_fts USING fts5(search_key, content = 'deals', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE VIRTUAL TABLE notes_fts USING fts5(search_key, content = 'notes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');

INSERT INTO contacts_fts (rowid, search_key) SELECT id, search_key FROM contacts;

CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_key ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO contacts_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
    INSERT INTO companies_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN
    INSERT INTO companies_fts (companies_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER companies_fts_update AFTER UPDATE OF search_key ON companies BEGIN
    INSERT INTO companies_fts (companies_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO companies_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
    INSERT INTO deals_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER deals_fts_delete AFTER DELETE ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER deals_fts_update AFTER UPDATE OF search_key ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO deals_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
