-- A chat's messages go out in order: a row is leased only when no earlier pending row of
-- the same chat is waiting (in back-off, or leased by a sender uploading a document).
CREATE INDEX outbox_pending_chat_idx ON outbox (channel, chat_id, id) WHERE status = 'pending';

-- Earlier versions parked the rows behind a refusing chat (403) at the end of time instead
-- of dropping them; under the ordering rule they would hold their chat back forever.
UPDATE outbox SET status = 'dropped', error = 'the chat refused an earlier message'
WHERE status = 'pending' AND next_attempt_at > 9000000000000000000;
