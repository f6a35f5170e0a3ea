-- Gatehouse account store, version 8: what an API key may do, and until when.

-- Scopes, as SendGrid's full, restricted and billing keys: 'full' (everything the account may do),
-- 'mail.send' (send mail only), 'billing.read' (read billing only). Keys created before this
-- version were full keys and stay so.
ALTER TABLE api_key
    ADD COLUMN scopes     text[]      NOT NULL DEFAULT '{full}',
    ADD COLUMN expires_at timestamptz,
    ADD CONSTRAINT api_key_scopes_known
        CHECK (cardinality(scopes) BETWEEN 1 AND 3 AND scopes <@ ARRAY['full', 'mail.send', 'billing.read']);
