-- Channel delivery (PostgreSQL): replies that edit the message whose button was pressed, and
-- small per-channel state such as the Telegram polling offset.

ALTER TABLE outbox ADD COLUMN edit_message_id TEXT;

CREATE TABLE channel_state (
    key         TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
