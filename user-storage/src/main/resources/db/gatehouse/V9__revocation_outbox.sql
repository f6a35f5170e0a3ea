-- Gatehouse account store, version 9: the revocation outbox (SPEC S5, no lost revocation).

-- What a status change still has to revoke in Keycloak: one row per account whose subtree's sessions
-- must end (a ban, a termination by hand or by the billing sweep). The row is written in the status
-- change's own transaction, so it exists exactly when the change committed; it is deleted once every
-- online and offline session of the subtree has ended, notBefore is set and the cached users are
-- dropped. The change's request makes the first attempt; a cluster-wide scheduled task retries what is
-- left. version orders requests for the same account: an attempt only deletes what it started from.
CREATE SEQUENCE revocation_pending_version;

CREATE TABLE revocation_pending (
    account_id      uuid        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    status          text        NOT NULL,
    version         bigint      NOT NULL,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_error      text,
    CONSTRAINT revocation_pending_status_known CHECK (status IN ('banned', 'terminated'))
);
CREATE INDEX revocation_pending_due_idx ON revocation_pending ((coalesce(last_attempt_at, requested_at)));
