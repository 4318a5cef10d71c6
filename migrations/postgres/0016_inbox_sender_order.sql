-- One WhatsApp sender's deliveries are processed in the order they were sent: each row
-- names its sender (the first message's wa_id; NULL for deliveries that carry only
-- statuses) and the message's own time, and a row is only taken while no earlier
-- unprocessed row of the same sender exists.
ALTER TABLE webhook_inbox ADD COLUMN sender_key TEXT;
ALTER TABLE webhook_inbox ADD COLUMN sent_at BIGINT;
CREATE INDEX webhook_inbox_sender_pending_idx ON webhook_inbox (channel, sender_key, sent_at, id)
    WHERE processed_at IS NULL;
