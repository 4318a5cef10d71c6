-- Files go with their record (PostgreSQL): the store deletes a record's files with it, and retention
-- purges any file whose record is gone. This removes the files that earlier versions left
-- behind when their record was deleted.
DELETE FROM files WHERE NOT EXISTS (
    SELECT 1 FROM contacts r WHERE files.record_kind = 'contact' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
    UNION ALL
    SELECT 1 FROM companies r WHERE files.record_kind = 'company' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
    UNION ALL
    SELECT 1 FROM deals r WHERE files.record_kind = 'deal' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
    UNION ALL
    SELECT 1 FROM tasks r WHERE files.record_kind = 'task' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
    UNION ALL
    SELECT 1 FROM notes r WHERE files.record_kind = 'note' AND r.workspace_id = files.workspace_id AND r.id = files.record_id
);
