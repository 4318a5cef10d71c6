-- Replies that carry Google content (PostgreSQL): a row flagged `scrub_after_send` has its
-- text and buttons blanked in the statement that marks it sent, failed or dropped, and when
-- its user disconnects Google or deletes the account; the row itself stays for delivery
-- statuses and retention. Flags are BIGINT 0/1.
ALTER TABLE outbox ADD COLUMN scrub_after_send BIGINT NOT NULL DEFAULT 0;
