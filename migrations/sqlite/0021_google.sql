-- Google connections (SQLite). `google_oauth_states`: a /connect_google link waiting for its
-- callback — the state only as a SHA-256 digest, the PKCE verifier sealed (src/seal.rs), the
-- chat to answer in; single use, 10 minutes. `google_connections`: one per user — the account,
-- the granted scopes, the tokens sealed (bound to this table, the row and the user), the status
-- (active, reconnect_needed, disconnecting), sync bookkeeping and the worker's lease.
-- `google_revocations`: refresh tokens of erased accounts waiting to be revoked at Google
-- (sealed, tied to no user), deleted once the revoke was tried.
CREATE TABLE google_oauth_states (
    state_digest  TEXT    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    identity_id   INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    chat_id       TEXT    NOT NULL,
    verifier      TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX google_oauth_states_user_idx ON google_oauth_states (user_id);
CREATE INDEX google_oauth_states_expires_idx ON google_oauth_states (expires_at);

CREATE TABLE google_connections (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id           INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    account_email     TEXT    NOT NULL,
    scopes            TEXT    NOT NULL,
    access_token      TEXT    NOT NULL,
    access_expires_at INTEGER NOT NULL,
    refresh_token     TEXT    NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'reconnect_needed', 'disconnecting')),
    connected_at      INTEGER NOT NULL,
    last_sync_at      INTEGER,
    last_error        TEXT,
    last_error_at     INTEGER,
    failures          INTEGER NOT NULL DEFAULT 0,
    next_sync_at      INTEGER NOT NULL,
    leased_until      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX google_connections_due_idx ON google_connections (next_sync_at);

CREATE TABLE google_revocations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    refresh_token  TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL
);
