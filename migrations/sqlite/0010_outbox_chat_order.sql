-- A chat's messages go out in order: a row is leased only when no earlier pending row of
-- the same chat is waiting (in back-off, or leased by a sender uploading a document).
CREATE INDEX outbox_pending_chat_idx ON outbox (channel, chat_id, id) WHERE status = 'pending';
