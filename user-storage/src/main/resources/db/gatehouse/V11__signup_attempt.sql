-- Gatehouse account store, version 11: signups that reserved nothing (SPEC P2.6, S1).

-- A signup with a taken, reserved or banned address, or a taken username, creates no pending signup,
-- yet it writes one row here, in the request's transaction, as a free address writes its pending
-- signup: both answers then cost the same store write and the same commit, and a stopwatch cannot
-- tell them apart. The row records what the signup was refused for (the address's owner was told,
-- or, for a banned address, nothing was sent) and lives as long as a confirmation link would; the
-- pending-signup purge deletes it after that.
CREATE TABLE signup_attempt (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_key  text        NOT NULL,
    outcome    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CONSTRAINT signup_attempt_outcome_known CHECK (outcome IN ('address_in_use', 'username_taken', 'address_banned'))
);
CREATE INDEX signup_attempt_email_key_idx ON signup_attempt (email_key);
CREATE INDEX signup_attempt_expires_idx ON signup_attempt (expires_at);
