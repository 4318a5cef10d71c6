-- WhatsApp (PostgreSQL): the durable inbox of signed webhook deliveries (recorded before the
-- 200, processed afterwards; a restart processes what is left), and the lookup of outbox
-- rows by the provider's message id for delivery statuses.

CREATE TABLE webhook_inbox (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel          TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    received_at      BIGINT  NOT NULL,
    processed_at     BIGINT,
    -- Leased until then by whoever processes it; due again afterwards.
    next_attempt_at  BIGINT  NOT NULL,
    attempts         BIGINT  NOT NULL DEFAULT 0,
    error            TEXT
);
CREATE INDEX webhook_inbox_due_idx ON webhook_inbox (channel, processed_at, next_attempt_at);

CREATE INDEX outbox_provider_message_idx ON outbox (provider_message_id);
