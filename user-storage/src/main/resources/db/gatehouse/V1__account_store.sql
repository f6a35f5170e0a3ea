-- Gatehouse account store, version 1.
-- Usernames and e-mail addresses are matched through *_key columns: Unicode NFC, then lower case
-- (Java's Locale.ROOT rules). The application computes them, so matching never depends on the
-- database's collation; rows written by other tools must fill them the same way.

CREATE TABLE account (
    id                uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    username          text         NOT NULL,
    username_key      text         NOT NULL,
    email             text,
    email_key         text,
    email_confirmed   boolean      NOT NULL DEFAULT false,
    password_hash     text,
    status            text         NOT NULL DEFAULT 'active',
    parent_id         uuid         REFERENCES account (id),
    central_subject   text,
    status_reason     text,
    status_actor      text,
    status_changed_at timestamptz,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT account_username_length CHECK (char_length(username) BETWEEN 1 AND 256),
    CONSTRAINT account_status_known CHECK (status IN ('active', 'terminated', 'banned')),
    CONSTRAINT account_not_own_parent CHECK (parent_id IS DISTINCT FROM id),
    CONSTRAINT account_email_key_matches CHECK ((email IS NULL) = (email_key IS NULL))
);
CREATE UNIQUE INDEX account_username_key_idx ON account (username_key);
CREATE INDEX account_email_key_idx ON account (email_key);
CREATE INDEX account_parent_idx ON account (parent_id) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX account_central_subject_idx ON account (central_subject) WHERE central_subject IS NOT NULL;
-- Admin search matches substrings; text_pattern_ops serves the prefix searches.
CREATE INDEX account_username_prefix_idx ON account (username_key text_pattern_ops);

CREATE TABLE pending_signup (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    username      text        NOT NULL,
    username_key  text        NOT NULL,
    email         text        NOT NULL,
    email_key     text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    CONSTRAINT pending_signup_username_length CHECK (char_length(username) BETWEEN 1 AND 256)
);
CREATE UNIQUE INDEX pending_signup_username_key_idx ON pending_signup (username_key);
CREATE INDEX pending_signup_email_key_idx ON pending_signup (email_key);
CREATE INDEX pending_signup_expires_idx ON pending_signup (expires_at);

CREATE TABLE bill_run (
    id         bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id uuid          NOT NULL REFERENCES account (id),
    period     date          NOT NULL,
    amount_due numeric(12, 2) NOT NULL,
    due_date   date          NOT NULL,
    paid_at    timestamptz,
    created_at timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT bill_run_period_is_month CHECK (period = date_trunc('month', period)::date),
    CONSTRAINT bill_run_amount_positive CHECK (amount_due >= 0),
    CONSTRAINT bill_run_once_per_period UNIQUE (account_id, period)
);
CREATE INDEX bill_run_unpaid_idx ON bill_run (period, due_date) WHERE paid_at IS NULL;

CREATE TABLE billing_warning (
    bill_run_id bigint      NOT NULL REFERENCES bill_run (id) ON DELETE CASCADE,
    offset_days integer     NOT NULL,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bill_run_id, offset_days)
);

CREATE TABLE api_key (
    id           text        PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_key_hash_is_sha256 CHECK (octet_length(secret_hash) = 32)
);
CREATE INDEX api_key_account_idx ON api_key (account_id);

CREATE TABLE dedicated_ip (
    address     inet        PRIMARY KEY,
    account_id  uuid        REFERENCES account (id),
    assigned_at timestamptz,
    released_at timestamptz
);
CREATE INDEX dedicated_ip_account_idx ON dedicated_ip (account_id) WHERE account_id IS NOT NULL;

CREATE TABLE email_ban (
    email_key  text        PRIMARY KEY,
    email      text        NOT NULL,
    account_id uuid        REFERENCES account (id),
    reason     text,
    banned_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE status_audit (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      uuid        NOT NULL REFERENCES account (id),
    old_status      text        NOT NULL,
    new_status      text        NOT NULL,
    reason          text,
    actor           text        NOT NULL,
    cascaded_count  integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_audit_account_idx ON status_audit (account_id, created_at);
