-- One-time download links for exports (PostgreSQL): usable once, until they expire.
CREATE TABLE export_links (
    token       TEXT    PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT 
);
