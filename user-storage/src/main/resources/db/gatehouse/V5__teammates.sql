-- Gatehouse account store, version 5: teammates and account activity (SPEC P8).
-- A teammate is an account of its own (its own login) that belongs to another account, the team's
-- account, with a permission level. A row without member_id is an invitation not accepted yet.

CREATE TABLE teammate (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id       uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    member_id        uuid        REFERENCES account (id) ON DELETE CASCADE,
    invite_email     text        NOT NULL,
    invite_email_key text        NOT NULL,
    level            text        NOT NULL,
    invited_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    accepted_at      timestamptz,
    CONSTRAINT teammate_level_known CHECK (level IN ('admin', 'developer', 'billing', 'read-only')),
    CONSTRAINT teammate_not_own_account CHECK (member_id IS DISTINCT FROM account_id),
    CONSTRAINT teammate_accepted_has_member CHECK ((member_id IS NULL) = (accepted_at IS NULL))
);
-- An account belongs to at most one team: its tokens name one account.
CREATE UNIQUE INDEX teammate_member_idx ON teammate (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX teammate_account_idx ON teammate (account_id);
CREATE UNIQUE INDEX teammate_pending_invite_idx ON teammate (account_id, invite_email_key) WHERE member_id IS NULL;

-- Credential and team changes of every member, for the team account's owner and admins.
CREATE TABLE account_activity (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    member_id  uuid        REFERENCES account (id) ON DELETE SET NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    detail     text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_activity_account_idx ON account_activity (account_id, created_at DESC);
