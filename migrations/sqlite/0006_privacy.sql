-- Privacy (SQLite): consents with time and policy version, and an audit log of sensitive
-- actions that holds no message content.

CREATE TABLE consents (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('terms', 'ai', 'marketing')),
    granted         INTEGER NOT NULL,
    policy_version  TEXT    NOT NULL,
    changed_at      INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
