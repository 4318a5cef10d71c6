-- no-transaction
-- Row ids are never reused (SQLite). A table whose key is a plain `INTEGER PRIMARY KEY`
-- hands a deleted row's id (the largest one) to the next insert, so a new user, contact or
-- file could inherit the id of a deleted one together with whatever still refers to it by
-- id. `AUTOINCREMENT` keeps the largest id ever used in sqlite_sequence and never goes
-- below it. A column's key cannot be altered in place, so every such table is rebuilt
-- following https://www.sqlite.org/lang_altertable.html section 7: foreign keys off (which
-- only works outside a transaction, hence `no-transaction` above: this file runs its own),
-- create the new table, copy the rows with their ids (which seeds sqlite_sequence), drop
-- the old table, rename the new one, recreate its indexes and triggers exactly as before,
-- check the foreign keys and commit. Columns, defaults and constraints are unchanged.
-- (`dialogues` keeps its key: it is the identity's id, never generated.)
--
-- The audit log names users by a random pseudonym stored with the user instead of
-- `user:<id>`; existing entries of existing users move to their new pseudonym.

PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

-- workspaces
CREATE TABLE new_workspaces (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('personal', 'team')),
    created_at  INTEGER NOT NULL
);
INSERT INTO new_workspaces SELECT * FROM workspaces;
DROP TABLE workspaces;
ALTER TABLE new_workspaces RENAME TO workspaces;

-- users
CREATE TABLE new_users (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    display_name          TEXT    NOT NULL,
    locale                TEXT    NOT NULL,
    time_zone             TEXT    NOT NULL DEFAULT 'UTC',
    current_workspace_id  INTEGER REFERENCES workspaces (id) ON DELETE SET NULL,
    started_at            INTEGER,
    created_at            INTEGER NOT NULL,
    last_identity_id      INTEGER REFERENCES identities (id) ON DELETE SET NULL,
    digest_sent_on        TEXT,
    audit_pseudonym       TEXT    NOT NULL
);
INSERT INTO new_users SELECT *, 'user:' || lower(hex(randomblob(16))) FROM users;
DROP TABLE users;
ALTER TABLE new_users RENAME TO users;
CREATE UNIQUE INDEX users_audit_pseudonym_key ON users (audit_pseudonym);

-- identities
CREATE TABLE new_identities (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    chat_id      TEXT    NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    CONSTRAINT identities_channel_external_id_key UNIQUE (channel, external_id)
);
INSERT INTO new_identities SELECT * FROM identities;
DROP TABLE identities;
ALTER TABLE new_identities RENAME TO identities;
CREATE INDEX identities_user_id_idx ON identities (user_id);

-- contacts
CREATE TABLE new_contacts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
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
    company_id     INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    CONSTRAINT contacts_workspace_handle_key UNIQUE (workspace_id, handle_no)
);
INSERT INTO new_contacts SELECT * FROM contacts;
DROP TABLE contacts;
ALTER TABLE new_contacts RENAME TO contacts;
CREATE INDEX contacts_company_idx ON contacts (company_id);
CREATE INDEX contacts_email_idx ON contacts (workspace_id, email);
CREATE INDEX contacts_phone_idx ON contacts (workspace_id, phone);
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

-- companies
CREATE TABLE new_companies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_companies SELECT * FROM companies;
DROP TABLE companies;
ALTER TABLE new_companies RENAME TO companies;
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

-- deals
CREATE TABLE new_deals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_deals SELECT * FROM deals;
DROP TABLE deals;
ALTER TABLE new_deals RENAME TO deals;
CREATE INDEX deals_stage_idx ON deals (workspace_id, stage);
CREATE INDEX deals_contact_idx ON deals (contact_id);
CREATE INDEX deals_company_idx ON deals (company_id);
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

-- notes
CREATE TABLE new_notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_notes SELECT * FROM notes;
DROP TABLE notes;
ALTER TABLE new_notes RENAME TO notes;
CREATE INDEX notes_record_idx ON notes (workspace_id, record_kind, record_id);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;

-- tasks
CREATE TABLE new_tasks (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_tasks SELECT * FROM tasks;
DROP TABLE tasks;
ALTER TABLE new_tasks RENAME TO tasks;
CREATE INDEX tasks_reminder_idx ON tasks (done, reminded_at, due_at);
CREATE INDEX tasks_assignee_idx ON tasks (assignee_user_id, done, due_at);
CREATE INDEX tasks_record_idx ON tasks (workspace_id, record_kind, record_id);

-- activities
CREATE TABLE new_activities (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind    TEXT    NOT NULL,
    record_id      INTEGER NOT NULL,
    actor_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action         TEXT    NOT NULL,
    detail         TEXT    NOT NULL DEFAULT '{}',
    created_at     INTEGER NOT NULL
);
INSERT INTO new_activities SELECT * FROM activities;
DROP TABLE activities;
ALTER TABLE new_activities RENAME TO activities;
CREATE INDEX activities_record_idx ON activities (workspace_id, record_kind, record_id, created_at);

-- outbox
CREATE TABLE new_outbox (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
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
    error                TEXT,
    edit_message_id      TEXT
);
INSERT INTO new_outbox SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE new_outbox RENAME TO outbox;
CREATE INDEX outbox_pending_idx ON outbox (channel, status, next_attempt_at);
CREATE INDEX outbox_provider_message_idx ON outbox (provider_message_id);
CREATE INDEX outbox_pending_chat_idx ON outbox (channel, chat_id, id) WHERE status = 'pending';

-- webhook_inbox
CREATE TABLE new_webhook_inbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel          TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    received_at      INTEGER NOT NULL,
    processed_at     INTEGER,
    -- Leased until then by whoever processes it; due again afterwards.
    next_attempt_at  INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    error            TEXT
);
INSERT INTO new_webhook_inbox SELECT * FROM webhook_inbox;
DROP TABLE webhook_inbox;
ALTER TABLE new_webhook_inbox RENAME TO webhook_inbox;
CREATE INDEX webhook_inbox_due_idx ON webhook_inbox (channel, processed_at, next_attempt_at);

-- audit_log
CREATE TABLE new_audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
INSERT INTO new_audit_log SELECT * FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE new_audit_log RENAME TO audit_log;
CREATE INDEX audit_log_created_idx ON audit_log (created_at);

-- files
CREATE TABLE new_files (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind   TEXT    NOT NULL,
    record_id     INTEGER NOT NULL,
    file_name     TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    content       BLOB    NOT NULL,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL
);
INSERT INTO new_files SELECT * FROM files;
DROP TABLE files;
ALTER TABLE new_files RENAME TO files;
CREATE INDEX files_record_idx ON files (workspace_id, record_kind, record_id);

-- The copies seeded sqlite_sequence with each table's largest id. A record deleted before
-- this upgrade may have had a larger one that rows elsewhere still name (its "deleted"
-- timeline entry, a left-over file, `user:<id>` audit entries): new ids start above those.
INSERT INTO sqlite_sequence (name, seq)
SELECT t.name, 0 FROM (SELECT 'users' AS name UNION ALL SELECT 'contacts' UNION ALL SELECT 'companies'
                       UNION ALL SELECT 'deals' UNION ALL SELECT 'tasks' UNION ALL SELECT 'notes') t
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = t.name);
UPDATE sqlite_sequence SET seq = max(seq,
    (SELECT COALESCE(MAX(CAST(substr(actor, 6) AS INTEGER)), 0) FROM audit_log WHERE actor GLOB 'user:[0-9]*'),
    (SELECT COALESCE(MAX(CAST(substr(target, 6) AS INTEGER)), 0) FROM audit_log WHERE target GLOB 'user:[0-9]*'))
WHERE name = 'users';
CREATE TEMP TABLE record_tables (name TEXT PRIMARY KEY, kind TEXT NOT NULL);
INSERT INTO record_tables VALUES ('contacts', 'contact'), ('companies', 'company'), ('deals', 'deal'), ('tasks', 'task'), ('notes', 'note');
UPDATE sqlite_sequence SET seq = max(seq,
    (SELECT COALESCE(MAX(record_id), 0) FROM activities a WHERE a.record_kind = (SELECT r.kind FROM record_tables r WHERE r.name = sqlite_sequence.name)),
    (SELECT COALESCE(MAX(record_id), 0) FROM files f WHERE f.record_kind = (SELECT r.kind FROM record_tables r WHERE r.name = sqlite_sequence.name)),
    (SELECT COALESCE(MAX(record_id), 0) FROM notes n WHERE n.record_kind = (SELECT r.kind FROM record_tables r WHERE r.name = sqlite_sequence.name)),
    (SELECT COALESCE(MAX(record_id), 0) FROM tasks k WHERE k.record_kind = (SELECT r.kind FROM record_tables r WHERE r.name = sqlite_sequence.name)))
WHERE name IN (SELECT name FROM record_tables);
DROP TABLE record_tables;

-- The audit entries of users that still exist move to their pseudonym; those of deleted
-- users keep `user:<id>`, which no pseudonym can equal.
UPDATE audit_log SET actor = (SELECT u.audit_pseudonym FROM users u WHERE 'user:' || u.id = audit_log.actor)
WHERE actor IN (SELECT 'user:' || id FROM users);
UPDATE audit_log SET target = (SELECT u.audit_pseudonym FROM users u WHERE 'user:' || u.id = audit_log.target)
WHERE target IN (SELECT 'user:' || id FROM users);
UPDATE audit_log SET target = (SELECT replace(audit_log.target, ' user:' || u.id || ' ', ' ' || u.audit_pseudonym || ' ')
                               FROM users u WHERE audit_log.target LIKE '% user:' || u.id || ' %')
WHERE action = 'role.changed' AND EXISTS (SELECT 1 FROM users u WHERE audit_log.target LIKE '% user:' || u.id || ' %');

-- Nothing may point at a row that is not there (the CHECK fails the migration otherwise).
CREATE TEMP TABLE fk_violations (n INTEGER NOT NULL CHECK (n = 0));
INSERT INTO fk_violations SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE fk_violations;

COMMIT;
PRAGMA foreign_keys = ON;
