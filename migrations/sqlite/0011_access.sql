-- Access control (SQLite). A link code remembers the channel it was issued on, so that it is
-- only redeemed from another chat app; failed redeem attempts are counted per identity in
-- the database (throttling holds across instances and restarts). Codes issued before this
-- migration do not know their channel and are dropped (they lived 10 minutes anyway).
DELETE FROM link_codes;
ALTER TABLE link_codes ADD COLUMN channel TEXT NOT NULL DEFAULT '';

CREATE TABLE link_attempts (
    identity_id   INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    attempted_at  INTEGER NOT NULL
);
CREATE INDEX link_attempts_identity_idx ON link_attempts (identity_id, attempted_at);
