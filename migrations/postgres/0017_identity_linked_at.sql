-- When an identity was linked into its account by `/link CODE` (PostgreSQL): NULL for the
-- chat the account was created with (or an unlinked chat, which gets an account of its
-- own). A chat may unlink itself, or chats linked after it; the account's original chat may
-- unlink any other. Existing accounts: the identity created with its user (same
-- created_at) and the only identity of a user stay NULL; every other one counts as linked
-- now, so it may unlink only itself.
ALTER TABLE identities ADD COLUMN linked_at BIGINT;
UPDATE identities SET linked_at = CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)
WHERE created_at <> (SELECT u.created_at FROM users u WHERE u.id = identities.user_id)
  AND EXISTS (SELECT 1 FROM identities o WHERE o.user_id = identities.user_id AND o.id <> identities.id);
-- The per-user attachment quota sums files by uploader.
CREATE INDEX files_created_by_idx ON files (created_by);
