-- One-time codes that join a user's identities on several channels (PostgreSQL).
CREATE TABLE link_codes (
    code        TEXT    PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
