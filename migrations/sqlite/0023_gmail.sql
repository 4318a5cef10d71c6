-- Gmail cache (SQLite), per Google connection: the metadata of messages that involve a
-- contact's address (never a body), the threads made of them (subject, participants, last
-- date, snippet), which contacts each thread involves, the contacts whose threads the user
-- shares with their workspace (off unless /mail C1 share), and the sync state (the last
-- history id and the addresses the last full sync searched). Deleted with the connection
-- (disconnect, account deletion).
CREATE TABLE gmail_messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id  INTEGER NOT NULL REFERENCES google_connections (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id     TEXT    NOT NULL,
    thread_id      TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    participants   TEXT    NOT NULL,
    snippet        TEXT    NOT NULL,
    sent_at        INTEGER NOT NULL,
    CONSTRAINT gmail_messages_key UNIQUE (connection_id, message_id)
);
CREATE INDEX gmail_messages_thread_idx ON gmail_messages (connection_id, thread_id);

CREATE TABLE gmail_threads (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id  INTEGER NOT NULL REFERENCES google_connections (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id      TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    participants   TEXT    NOT NULL,
    snippet        TEXT    NOT NULL,
    last_at        INTEGER NOT NULL,
    messages       INTEGER NOT NULL,
    CONSTRAINT gmail_threads_key UNIQUE (connection_id, thread_id)
);
CREATE INDEX gmail_threads_user_idx ON gmail_threads (user_id);

CREATE TABLE gmail_thread_contacts (
    thread_row_id  INTEGER NOT NULL REFERENCES gmail_threads (id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (thread_row_id, contact_id)
);
CREATE INDEX gmail_thread_contacts_contact_idx ON gmail_thread_contacts (contact_id);

CREATE TABLE gmail_shares (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, contact_id)
);

CREATE TABLE gmail_sync (
    connection_id  INTEGER PRIMARY KEY REFERENCES google_connections (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    history_id     INTEGER,
    addresses      TEXT    NOT NULL DEFAULT '',
    full_sync_at   INTEGER
);
