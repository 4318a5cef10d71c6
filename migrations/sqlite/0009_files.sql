-- Files attached to records (SQLite): documents and photos sent with a handle as caption.
CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    record_kind   TEXT    NOT NULL,
    record_id     INTEGER NOT NULL,
    file_name     TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    content       BLOB    NOT NULL,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX files_record_idx ON files (workspace_id, record_kind, record_id);
