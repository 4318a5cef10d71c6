-- Files attached to records (PostgreSQL): documents and photos sent with a handle as caption.
CREATE TABLE files (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind   TEXT    NOT NULL,
    record_id     BIGINT  NOT NULL,
    file_name     TEXT    NOT NULL,
    size          BIGINT  NOT NULL,
    content       BYTEA   NOT NULL,
    created_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX files_record_idx ON files (workspace_id, record_kind, record_id);
