-- AI requests, usage and proposals (PostgreSQL). A request is recorded only by the handler of a
-- user's own message (`ai::request::record`) and answered by the AI worker, which leases it
-- (`lease_until`), calls the model outside any transaction and writes the outcome. `input`
-- is the user's text (customer data: exported, erased with the account). `ai_usage` counts
-- the tokens the server reported per workspace and UTC day (the daily budget). A proposal
-- is a capture card waiting for Confirm / Edit / Cancel; nothing is written before Confirm.
CREATE TABLE ai_requests (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id    BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id         BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    identity_id     BIGINT  NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    feature         TEXT    NOT NULL,
    input           TEXT    NOT NULL,
    prompt_version  TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    tokens          BIGINT  NOT NULL DEFAULT 0,
    error_kind      TEXT,
    created_at      BIGINT  NOT NULL,
    finished_at     BIGINT
);
CREATE INDEX ai_requests_due_idx ON ai_requests (status, lease_until);
CREATE INDEX ai_requests_user_idx ON ai_requests (user_id, status);

CREATE TABLE ai_usage (
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    day           TEXT    NOT NULL,
    tokens        BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, day)
);

CREATE TABLE ai_proposals (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id    BIGINT  REFERENCES ai_requests (id) ON DELETE SET NULL,
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body          TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    expires_at    BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX ai_proposals_user_idx ON ai_proposals (user_id);
CREATE INDEX ai_proposals_request_idx ON ai_proposals (request_id);
