-- Questions waiting for a typed answer (PostgreSQL): the buttons of the last confirmation
-- card sent to a channel identity in one chat, so the user may answer by typing a button's
-- number, its label or yes/no instead of pressing it. One row per identity; it expires (24 h)
-- and retention purges it; it goes with the identity.
CREATE TABLE pending_choices (
    identity_id  BIGINT PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    chat_id      TEXT   NOT NULL,
    choices      TEXT   NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX pending_choices_expires_idx ON pending_choices (expires_at);
