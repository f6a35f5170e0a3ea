package dev.gatehouse.bench;

import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.Oidc;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;

/**
 * {@code sweep_ms_<population>}: the daily billing job run through
 * {@code POST /admin/realms/gatehouse/gatehouse/billing/sweep?date=…} (SPEC "Admin API") over an
 * invoice for every account of the main population, 1% unpaid, on a date of the termination
 * window. The unpaid invoices' warnings are marked sent, so the run measures the termination
 * sweep. A server without the endpoint gets the figure skipped with the reason.
 */
final class SweepPhase {

    /** A month of the bench's own, years before any real bill run (a sweep may not run ahead of today). */
    private static final LocalDate PERIOD = LocalDate.of(2011, 1, 1);

    private static final LocalDate SWEEP_DATE = LocalDate.of(2011, 2, 28);

    /** The job's default warning offsets (days after the due date). */
    private static final int[] WARNING_OFFSETS = {3, 10, 17};

    private final BenchConfig config;
    private final AccountStore store;
    private final AdminApi admin;
    private final Results results;
    private final PrintStream out;

    SweepPhase(BenchConfig config, AccountStore store, AdminApi admin, Results results, PrintStream out) {
        this.config = config;
        this.store = store;
        this.admin = admin;
        this.results = results;
        this.out = out;
    }

    void run() {
        String metric = "sweep_ms_" + Bench.sizeLabel(config.accounts());
        HttpResponse<String> probe = admin.get("gatehouse/gatehouse/billing/termination-preview?date=" + SWEEP_DATE);
        if (probe.statusCode() == 404 || probe.statusCode() == 405) {
            results.skip(
                    metric,
                    "ms",
                    "this build has no billing endpoints (termination-preview answered " + probe.statusCode()
                            + "): the billing job (branch billing) is not in it");
            return;
        }
        int delinquent = seedInvoices();
        long started = System.nanoTime();
        HttpResponse<String> swept = admin.post("gatehouse/gatehouse/billing/sweep?date=" + SWEEP_DATE, "{}");
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (swept.statusCode() != 200) {
            throw new IllegalStateException("sweep answered " + swept.statusCode() + ": " + swept.body());
        }
        int terminated = Oidc.json(swept.body()).path("accountsTerminated").asInt(-1);
        out.printf(
                "  sweep over %d invoices, %d unpaid: %d ms, %d terminated%n",
                config.accounts(), delinquent, millis, terminated);
        results.put(metric, millis, "ms");
        results.put("sweep_terminated_" + Bench.sizeLabel(config.accounts()), terminated, "accounts");
    }

    /** An invoice of {@link #PERIOD} per main account, every hundredth unpaid; the unpaid count. */
    private int seedInvoices() {
        store.execute(
                "INSERT INTO bill_run (account_id, period, amount_due, due_date, paid_at)"
                        + " SELECT id, ?, 10.00, ?, CASE WHEN right(username, 2) = '00' THEN NULL ELSE now() END"
                        + " FROM account WHERE username LIKE ? AND parent_id IS NULL",
                PERIOD,
                PERIOD.plusDays(14),
                Population.PREFIX + "%");
        for (int offset : WARNING_OFFSETS) {
            store.execute(
                    "INSERT INTO billing_warning (bill_run_id, offset_days) SELECT id, ? FROM bill_run"
                            + " WHERE period = ? AND paid_at IS NULL",
                    offset,
                    PERIOD);
        }
        return Integer.parseInt(
                store.queryString("SELECT count(*) FROM bill_run WHERE period = ? AND paid_at IS NULL", PERIOD)
                        .orElseThrow());
    }
}
