-- Gatehouse account store, version 6: termination notices of the billing sweep.

-- One row per invoice whose account the sweep terminated and whose notice (sessions ended, e-mail)
-- a run claimed. The claim commits before the e-mail leaves, so that no notice goes out twice; a run
-- that stops between terminating a batch and claiming its notices (a node killed, say) leaves
-- accounts without a row, and the next run of the date notifies them.
CREATE TABLE billing_termination_notice (
    bill_run_id bigint      PRIMARY KEY REFERENCES bill_run (id) ON DELETE CASCADE,
    claimed_at  timestamptz NOT NULL DEFAULT now()
);

-- Accounts the sweep terminated before this table existed were notified by that sweep.
INSERT INTO billing_termination_notice (bill_run_id)
SELECT b.id
FROM bill_run b JOIN account a ON a.id = b.account_id
WHERE a.status = 'terminated' AND a.status_reason = 'billing' AND a.status_actor = 'system' AND b.paid_at IS NULL;
