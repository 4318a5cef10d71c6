-- Gmail cache (PostgreSQL), per Google connection: the metadata of messages that involve a
-- contact's address (never a body), the threads made of them (subject, participants, last
-- date, snippet), which contacts each thread involves, the contacts whose threads the user
-- shares with their workspace (off unless /mail C1 share), and the sync state (the last
-- history id and the addresses the last full sync searched). Deleted with the connection
-- (disconnect, account deletion).
CREATE TABLE gmail_messages (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id  BIGINT  NOT NULL REFERENCES google_connections (id) ON DELETE CASCADE,
    user_id        BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id     TEXT    NOT NULL,
    thread_id      TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    participants   TEXT    NOT NULL,
    snippet        TEXT    NOT NULL,
    sent_at        BIGINT  NOT NULL,
    CONSTRAINT gmail_messages_key UNIQUE (connection_id, message_id)
);
CREATE INDEX gmail_messages_thread_idx ON gmail_messages (connection_id, thread_id);

CREATE TABLE gmail_threads (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id  BIGINT  NOT NULL REFERENCES google_connections (id) ON DELETE CASCADE,
    user_id        BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id      TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    participants   TEXT    NOT NULL,
    snippet        TEXT    NOT NULL,
    last_at        BIGINT  NOT NULL,
    messages       BIGINT  NOT NULL,
    CONSTRAINT gmail_threads_key UNIQUE (connection_id, thread_id)
);
CREATE INDEX gmail_threads_user_idx ON gmail_threads (user_id);

CREATE TABLE gmail_thread_contacts (
    thread_row_id  BIGINT  NOT NULL REFERENCES gmail_threads (id) ON DELETE CASCADE,
    contact_id     BIGINT  NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (thread_row_id, contact_id)
);
CREATE INDEX gmail_thread_contacts_contact_idx ON gmail_thread_contacts (contact_id);

CREATE TABLE gmail_shares (
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id  BIGINT  NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (user_id, contact_id)
);

CREATE TABLE gmail_sync (
    connection_id  BIGINT  PRIMARY KEY REFERENCES google_connections (id) ON DELETE CASCADE,
    user_id        BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    history_id     BIGINT ,
    addresses      TEXT    NOT NULL DEFAULT '',
    full_sync_at   BIGINT 
);
