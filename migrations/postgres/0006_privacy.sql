-- Privacy (PostgreSQL): consents with time and policy version, and an audit log of sensitive
-- actions that holds no message content.

CREATE TABLE consents (
    user_id         BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('terms', 'ai', 'marketing')),
    granted         BIGINT  NOT NULL,
    policy_version  TEXT    NOT NULL,
    changed_at      BIGINT  NOT NULL,
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
