-- Gatehouse account store, version 3: the daily billing job.

-- One row per run of the daily job for a billing date: the scheduled task skips a date once a run
-- of it finished, so the job does its work once a day however often its timer fires; runs asked
-- for through the Admin API are recorded too.
CREATE TABLE billing_job_run (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    billing_date        date        NOT NULL,
    trigger             text        NOT NULL,
    started_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    warnings_sent       integer,
    accounts_terminated integer,
    CONSTRAINT billing_job_run_trigger_known CHECK (trigger IN ('scheduled', 'admin'))
);
CREATE INDEX billing_job_run_finished_idx ON billing_job_run (billing_date) WHERE finished_at IS NOT NULL;

-- The warning pass reads every unpaid invoice already past its due date.
CREATE INDEX bill_run_unpaid_due_idx ON bill_run (due_date, id) WHERE paid_at IS NULL;
-- The termination pass walks one period's unpaid invoices in account order.
CREATE INDEX bill_run_unpaid_period_account_idx ON bill_run (period, account_id) WHERE paid_at IS NULL;
