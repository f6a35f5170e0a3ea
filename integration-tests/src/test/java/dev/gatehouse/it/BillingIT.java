package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.KeycloakSetup;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daily billing job through the Admin API's sweep, with the billing date under the test's
 * control (SPEC P6). Each test bills months of its own, years back (a sweep refuses a date after
 * today), so that neither the other tests nor the scheduled run of the real date terminate its
 * accounts; the warning pass covers every
 * unpaid invoice of the store, so counts of warnings are read per recipient, not from the answer.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Daily billing job: warnings, termination sweep, preview, reinstatement (SPEC P6)")
class BillingIT {

    private static final String PASSWORD = "bill-pass";
    private static final String TERMINATED_TITLE = "Account terminated for non-payment";

    private final GatehouseEnvironment env;
    private final StatusApi status;
    private final BillingApi billing;
    private final LoginPages pages;

    BillingIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
        this.billing = new BillingApi(env, status.api());
        this.pages = new LoginPages(env);
    }

    private UUID account(String username, String email, UUID parent) {
        return env.store()
                .account(username)
                .email(email)
                .password(PASSWORD)
                .parent(parent)
                .create();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private List<String> subjects(String address) {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : env.mail().messagesTo(address)) {
            try {
                subjects.add(message.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private List<Integer> warningOffsets(long invoice) {
        String offsets = env.store()
                .queryString(
                        "SELECT coalesce(string_agg(offset_days::text, ',' ORDER BY offset_days), '')"
                                + " FROM billing_warning WHERE bill_run_id = ?",
                        invoice)
                .orElseThrow();
        return offsets.isEmpty()
                ? List.of()
                : java.util.Arrays.stream(offsets.split(","))
                        .map(Integer::valueOf)
                        .toList();
    }

    private String accountStatus(UUID id) {
        return env.store()
                .queryString(
                        "SELECT status || '/' || coalesce(status_reason, '') || '/' || coalesce(status_actor, '')"
                                + " FROM account WHERE id = ?",
                        id)
                .orElseThrow();
    }

    @Test
    @DisplayName("warnings on days 3, 10 and 17 after the due date, once each, also when a date is swept twice;"
            + " a missed day sends only the latest warning; paid, banned and not-yet-due invoices get none")
    void warningsOnOffsets() {
        String name = Names.unique("Zoë <Co> & bill");
        String email = Names.unique("warn") + "@it.test";
        UUID late = account(name, email, null);
        long invoice = billing.invoice(late, date("2011-01-01"), "42.50", date("2011-01-15"));
        String missedEmail = Names.unique("missed") + "@it.test";
        long missed = billing.invoice(
                account(Names.unique("missed"), missedEmail, null), date("2011-01-01"), "9.00", date("2011-01-01"));
        String paidEmail = Names.unique("paid") + "@it.test";
        billing.pay(billing.invoice(
                account(Names.unique("paid"), paidEmail, null), date("2011-01-01"), "5.00", date("2011-01-10")));
        String bannedEmail = Names.unique("banned") + "@it.test";
        UUID banned = account(Names.unique("banned"), bannedEmail, null);
        status.ban(banned, "billing test");
        billing.invoice(banned, date("2011-01-01"), "5.00", date("2011-01-10"));
        String futureEmail = Names.unique("future") + "@it.test";
        billing.invoice(
                account(Names.unique("future"), futureEmail, null), date("2011-02-01"), "5.00", date("2011-02-28"));

        billing.sweep(date("2011-01-17"));
        assertThat(subjects(email)).as("2 days overdue").isEmpty();
        assertThat(warningOffsets(missed))
                .as("16 days overdue, days 3 and 10 missed")
                .containsExactly(10);

        billing.sweep(date("2011-01-18"));
        billing.sweep(date("2011-01-18"));
        billing.sweep(date("2011-01-24"));
        assertThat(subjects(email)).as("day 3, swept twice, then day 9").hasSize(1);
        assertThat(warningOffsets(missed)).containsExactly(10, 17);

        billing.sweep(date("2011-01-25"));
        billing.sweep(date("2011-02-01"));
        billing.sweep(date("2011-02-01"));
        billing.sweep(date("2011-02-10"));

        List<MimeMessage> warnings = env.mail().awaitMessagesTo(email, 3, Duration.ofSeconds(10));
        warnings.forEach(Emails::wellFormed);
        assertThat(subjects(email))
                .containsExactly(
                        "Payment reminder: your invoice for 2011-01 is overdue",
                        "Payment reminder: your invoice for 2011-01 is overdue",
                        "Final notice: your invoice for 2011-01 is overdue");
        assertThat(warningOffsets(invoice)).containsExactly(3, 10, 17);
        assertThat(MailServer.text(warnings.get(0)))
                .contains("Hello " + name + ",")
                .contains("your invoice of 42.50 for 2011-01 was due on 2011-01-15 and is unpaid, 3 days overdue.")
                .doesNotContain("terminated");
        assertThat(MailServer.text(warnings.get(1))).contains("10 days overdue");
        assertThat(MailServer.text(warnings.get(2)))
                .contains("17 days overdue")
                .contains("will be terminated for non-payment on 2011-02-22");
        String html = MailServer.html(warnings.get(2));
        assertThat(html)
                .contains("Zoë &lt;Co&gt; &amp; bill")
                .doesNotContain("<Co>")
                .contains("2011-02-22");
        assertThat(env.mail().messagesTo(missedEmail)).hasSize(2);
        assertThat(MailServer.text(env.mail().messagesTo(missedEmail).get(0))).contains("16 days overdue");
        assertThat(env.mail().messagesTo(paidEmail)).isEmpty();
        assertThat(subjects(bannedEmail)).as("the ban notice only").containsExactly("Your account has been banned");
        assertThat(env.mail().messagesTo(futureEmail)).isEmpty();
        System.out.println("gatehouse.billing last warning:\n" + MailServer.text(warnings.get(2)));
    }

    @Test
    @DisplayName(
            "the scheduled task is registered with the configured interval and offsets, and runs on its own once per"
                    + " date, whatever its timer interval")
    void scheduledTaskRuns() {
        JsonNode info =
                env.admin().json("/serverinfo").at("/providers/gatehouse-jobs/providers/default/operationalInfo");
        assertThat(info.get("billingIntervalSeconds").asText())
                .isEqualTo(String.valueOf(KeycloakSetup.BILLING_INTERVAL_SECONDS));
        assertThat(info.get("billingWarningOffsets").asText()).isEqualTo("3,10,17");
        String today = "SELECT count(*) FROM billing_job_run WHERE billing_date = current_date"
                + " AND trigger = 'scheduled' AND finished_at IS NOT NULL";
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(status.count(today)).isPositive());
        sleep(Duration.ofSeconds(2L * KeycloakSetup.BILLING_INTERVAL_SECONDS + 1));

        assertThat(status.count(today))
                .as("runs of today after several timer intervals")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("termination only in the last 7 days of the month, only of top-level accounts with an unpaid invoice"
            + " of the previous month; the preview lists exactly them; sub-users follow; e-mail; twice changes nothing")
    void terminationSweep() {
        LocalDate april = date("2011-04-01");
        String lateName = Names.unique("late");
        String lateEmail = lateName + "@it.test";
        UUID late = account(lateName, lateEmail, null);
        String subName = Names.unique("late-sub");
        UUID sub = account(subName, lateEmail, late);
        long lateInvoice = billing.invoice(late, april, "19.99", date("2011-04-15"));
        UUID paid = account(Names.unique("paid"), null, null);
        billing.pay(billing.invoice(paid, april, "19.99", date("2011-04-15")));
        UUID current = account(Names.unique("current"), null, null);
        billing.invoice(current, date("2011-05-01"), "19.99", date("2011-05-15"));
        UUID older = account(Names.unique("older"), null, null);
        billing.invoice(older, date("2011-03-01"), "19.99", date("2011-03-15"));
        UUID parentOfUnpaidSub = account(Names.unique("parent"), null, null);
        UUID unpaidSub = account(Names.unique("unpaid-sub"), null, parentOfUnpaidSub);
        billing.invoice(unpaidSub, april, "19.99", date("2011-04-15"));
        UUID banned = account(Names.unique("banned"), null, null);
        status.ban(banned, "billing test");
        billing.invoice(banned, april, "19.99", date("2011-04-15"));
        String refresh = status.refreshToken(lateName, PASSWORD, false);
        String subRefresh = status.refreshToken(subName, PASSWORD, false);

        JsonNode before = billing.preview(date("2011-05-24"));
        JsonNode outside = billing.sweep(date("2011-05-24"));
        assertThat(before.get("accounts"))
                .as("May 24 is before the last 7 days")
                .isEmpty();
        assertThat(outside.get("accountsTerminated").asInt()).isZero();
        assertThat(accountStatus(late)).startsWith("active/");

        JsonNode preview = billing.preview(date("2011-05-25"));
        JsonNode swept = billing.sweep(date("2011-05-25"));
        JsonNode again = billing.sweep(date("2011-05-31"));

        assertThat(preview.get("accounts")).hasSize(1);
        JsonNode listed = preview.get("accounts").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(late.toString());
        assertThat(listed.get("username").asText()).isEqualTo(lateName);
        assertThat(listed.get("email").asText()).isEqualTo(lateEmail);
        assertThat(listed.get("invoice").get("id").asLong()).isEqualTo(lateInvoice);
        assertThat(listed.get("invoice").get("period").asText()).isEqualTo("2011-04");
        assertThat(listed.get("invoice").get("amountDue").asText()).isEqualTo("19.99");
        assertThat(swept.get("accountsTerminated").asInt()).isEqualTo(1);
        assertThat(again.get("accountsTerminated").asInt()).isZero();
        assertThat(accountStatus(late)).isEqualTo("terminated/billing/system");
        assertThat(accountStatus(sub)).as("the sub-user's own status").startsWith("active/");
        for (UUID untouched : List.of(paid, current, older, parentOfUnpaidSub, unpaidSub)) {
            assertThat(accountStatus(untouched)).startsWith("active/");
        }
        assertThat(accountStatus(banned)).startsWith("banned/");
        assertThat(status.count(
                        "SELECT count(*) FROM status_audit WHERE account_id = ? AND old_status = 'active'"
                                + " AND new_status = 'terminated' AND reason = 'billing' AND actor = 'system'"
                                + " AND cascaded_count = 2",
                        late))
                .isEqualTo(1);

        List<MimeMessage> mails = env.mail().awaitMessagesTo(lateEmail, 2, Duration.ofSeconds(10));
        MimeMessage notice = Emails.wellFormed(mails.get(mails.size() - 1));
        assertThat(subjects(lateEmail)).contains("Your account was terminated: the invoice for 2011-04 is unpaid");
        assertThat(MailServer.text(notice))
                .contains("terminated for non-payment on 2011-05-25")
                .contains("19.99")
                .contains("reinstate");
        assertThat(MailServer.html(notice)).contains("2011-05-25");

        assertThat(pages.login(env.browser(), lateName, PASSWORD).body()).contains(TERMINATED_TITLE);
        assertThat(pages.login(env.browser(), subName, PASSWORD).body()).contains(TERMINATED_TITLE);
        assertThat(pages.login(env.browser(), lateName, "wrong").body()).doesNotContain(TERMINATED_TITLE);
        for (String token : List.of(refresh, subRefresh)) {
            HttpResponse<String> refused = status.refresh(token);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        }
        assertThat(status.sessions(lateName)).isEmpty();
        assertThat(status.grant(subName, PASSWORD, false).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("terminated by the sweep: reinstate answers 409 while the invoice is unpaid, 200 once paid, and the"
            + " account and its sub-user log in again")
    void reinstateAfterPayment() {
        // Reinstatement reads the real date and a sweep may not run ahead of it, so this invoice is
        // of the month before the real previous one and the sweep runs on that previous month's last day.
        LocalDate thisMonth = storeToday().withDayOfMonth(1);
        LocalDate monthEnd = thisMonth.minusDays(1);
        LocalDate billed = thisMonth.minusMonths(2);
        String name = Names.unique("owes");
        UUID owner = account(name, name + "@it.test", null);
        String subName = Names.unique("owes-sub");
        account(subName, null, owner);
        long invoice = billing.invoice(owner, billed, "30.00", billed.plusDays(14));

        billing.sweep(monthEnd);
        assertThat(accountStatus(owner)).isEqualTo("terminated/billing/system");
        assertThat(status.grant(subName, PASSWORD, false).statusCode()).isEqualTo(400);

        HttpResponse<String> unpaid = status.reinstate(owner);
        assertThat(unpaid.statusCode()).as(unpaid.body()).isEqualTo(409);
        assertThat(Oidc.json(unpaid.body()).get("errorMessage").asText()).contains("Invoice " + invoice);

        billing.pay(invoice);
        HttpResponse<String> reinstated = status.reinstate(owner);

        assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(200);
        assertThat(accountStatus(owner)).startsWith("active/");
        assertThat(status.grant(name, PASSWORD, false).statusCode()).isEqualTo(200);
        assertThat(status.grant(subName, PASSWORD, false).statusCode()).isEqualTo(200);
        assertThat(billing.preview(monthEnd).get("accounts").findValuesAsText("id"))
                .doesNotContain(owner.toString());
    }

    @Test
    @DisplayName("a payment committed while the sweep waits on its invoice keeps the account active; a payment"
            + " rolled back does not")
    void paymentDuringSweep() throws Exception {
        UUID payer = account(Names.unique("payer"), null, null);
        long payerInvoice = billing.invoice(payer, date("2011-08-01"), "12.00", date("2011-08-15"));
        UUID other = account(Names.unique("other"), null, null);
        billing.invoice(other, date("2011-08-01"), "12.00", date("2011-08-15"));
        UUID undecided = account(Names.unique("undecided"), null, null);
        long undecidedInvoice = billing.invoice(undecided, date("2011-09-01"), "12.00", date("2011-09-15"));

        JsonNode committed = sweepWhilePaying(payerInvoice, date("2011-09-30"), true);
        JsonNode rolledBack = sweepWhilePaying(undecidedInvoice, date("2011-10-31"), false);

        assertThat(accountStatus(payer)).as("paid while the sweep ran").startsWith("active/");
        assertThat(accountStatus(other)).isEqualTo("terminated/billing/system");
        assertThat(committed.get("accountsTerminated").asInt()).isEqualTo(1);
        assertThat(accountStatus(undecided)).as("payment rolled back").isEqualTo("terminated/billing/system");
        assertThat(rolledBack.get("accountsTerminated").asInt()).isEqualTo(1);
    }

    /**
     * Holds the invoice's row in an open payment transaction, starts the sweep, waits until the
     * sweep waits for that row, then commits or rolls the payment back; returns the sweep's answer.
     */
    private JsonNode sweepWhilePaying(long invoice, LocalDate date, boolean commit) throws Exception {
        try (Connection payment = env.store().dataSource().getConnection()) {
            payment.setAutoCommit(false);
            try (PreparedStatement pay = payment.prepareStatement("UPDATE bill_run SET paid_at = now() WHERE id = ?")) {
                pay.setLong(1, invoice);
                assertThat(pay.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<JsonNode> sweep = CompletableFuture.supplyAsync(() -> billing.sweep(date));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(
                                    status.count("SELECT count(*) FROM pg_stat_activity WHERE datname = 'accounts'"
                                            + " AND wait_event_type = 'Lock' AND query ILIKE '%FOR UPDATE%'"))
                            .as("the sweep waits for the invoice's row")
                            .isEqualTo(1));
            assertThat(sweep).isNotDone();
            if (commit) {
                payment.commit();
            } else {
                payment.rollback();
            }
            return sweep.get(60, TimeUnit.SECONDS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("warnings are not sent again after a server restart")
    void restart() {
        String email = Names.unique("restart") + "@it.test";
        UUID owner = account(Names.unique("restart"), email, null);
        long invoice = billing.invoice(owner, date("2012-01-01"), "7.00", date("2012-01-10"));
        billing.sweep(date("2012-01-13"));
        assertThat(env.mail().messagesTo(email)).hasSize(1);

        env.restartKeycloak();
        BillingApi afterRestart = new BillingApi(env, new StatusApi(env).api());
        afterRestart.sweep(date("2012-01-13"));
        afterRestart.sweep(date("2012-01-15"));

        assertThat(env.mail().messagesTo(email))
                .as("same day and a day without a warning")
                .hasSize(1);
        afterRestart.sweep(date("2012-01-20"));
        assertThat(env.mail().awaitMessagesTo(email, 2, Duration.ofSeconds(10))).hasSize(2);
        assertThat(warningOffsets(invoice)).containsExactly(3, 10);
        sleep(Duration.ofSeconds(2L * KeycloakSetup.BILLING_INTERVAL_SECONDS + 1));
        assertThat(status.count("SELECT count(*) FROM billing_job_run WHERE billing_date = current_date"
                        + " AND trigger = 'scheduled' AND finished_at IS NOT NULL"))
                .as("the scheduled task does not redo today after the restart")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a sweep for a date after today answers 400 and records nothing; the preview of that date answers"
            + " 200; today's date is accepted")
    void sweepRefusesFutureDates() {
        LocalDate today = storeToday();
        String admin = status.api().admin();
        String runs = "SELECT count(*) FROM billing_job_run WHERE billing_date = ?";

        for (LocalDate future : List.of(today.plusDays(1), today.plusYears(5))) {
            HttpResponse<String> refused = billing.sweep(future.toString(), admin);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(Oidc.json(refused.body()).get("errorMessage").asText())
                    .contains(future.toString())
                    .contains(today.toString());
            assertThat(status.count(runs, future))
                    .as("no run recorded for %s", future)
                    .isZero();
            HttpResponse<String> preview = billing.preview(future.toString(), admin);
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            assertThat(Oidc.json(preview.body()).get("date").asText()).isEqualTo(future.toString());
        }
        HttpResponse<String> todays = billing.sweep(today.toString(), admin);
        assertThat(todays.statusCode()).as(todays.body()).isEqualTo(200);
    }

    private LocalDate storeToday() {
        return LocalDate.parse(
                env.store().queryString("SELECT CAST(current_date AS text)").orElseThrow());
    }

    @Test
    @DisplayName("Admin API: no token 401, without gatehouse-support 403, malformed date 400, store down 503")
    void adminApiErrors() {
        String trustSafety = Names.unique("ts-only");
        account(trustSafety, null, null);
        status.api().grantRealmRole(trustSafety, "gatehouse-trust-safety");
        String support = Names.unique("sup");
        account(support, null, null);
        status.api().grantRealmRole(support, "gatehouse-support");
        String tsToken = status.api().userToken(trustSafety, PASSWORD);
        String supportToken = status.api().userToken(support, PASSWORD);
        String admin = status.api().admin();

        assertThat(billing.sweep("2011-06-01", null).statusCode()).isEqualTo(401);
        assertThat(billing.preview("2011-06-01", null).statusCode()).isEqualTo(401);
        assertThat(billing.sweep("2011-06-01", tsToken).statusCode()).isEqualTo(403);
        assertThat(billing.preview("2011-06-01", tsToken).statusCode()).isEqualTo(403);
        assertThat(billing.preview("2011-06-28", supportToken).statusCode()).isEqualTo(200);
        assertThat(billing.sweep("2011-06-01", supportToken).statusCode()).isEqualTo(200);
        for (String bad : new String[] {"2011-13-01", "2011-02-30", "tomorrow", "", "01.06.2011"}) {
            for (HttpResponse<String> response : List.of(billing.sweep(bad, admin), billing.preview(bad, admin))) {
                assertThat(response.statusCode())
                        .as("%s: %s", bad, response.body())
                        .isEqualTo(400);
                assertThat(Oidc.json(response.body()).get("errorMessage").asText())
                        .contains("YYYY-MM-DD");
            }
        }

        env.store().server().stop();
        List<HttpResponse<String>> down;
        try {
            down = List.of(billing.sweep("2011-06-28", admin), billing.preview("2011-06-28", admin));
        } finally {
            env.store().server().start();
        }
        for (HttpResponse<String> response : down) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("Exception");
        }
    }

    /**
     * Prints {@code gatehouse.bench billing_sweep_ms_<accounts>=…}. CI runs 10,000 accounts (about
     * 10 s); {@code -Dgatehouse.bench.billing.sizes=10000,100000} adds the 100,000 of the issue,
     * which takes over a minute, mostly Keycloak sending the 1,000 termination e-mails one by one.
     */
    @Test
    @DisplayName("benchmark: termination sweep over 10,000 (and on demand 100,000) accounts, 1% delinquent"
            + " (printed, not asserted)")
    void benchmark() {
        StringBuilder line = new StringBuilder("gatehouse.bench");
        String[] sizes =
                System.getProperty("gatehouse.bench.billing.sizes", "10000").split(",");
        for (int i = 0; i < sizes.length; i++) {
            // A month of its own per size, in the last days of the following month.
            LocalDate period = date("2013-01-01").plusMonths(2L * i);
            LocalDate monthEnd = period.plusMonths(2).minusDays(1);
            sweepBenchmark(Integer.parseInt(sizes[i].strip()), period, monthEnd, line);
        }
        System.out.println(line);
    }

    /**
     * {@code size} top-level accounts with an invoice of {@code period}, every hundredth unpaid and
     * its warnings already sent, so that the run measures the termination sweep: the batches, the
     * sessions ended and the termination e-mails. The rows are deleted afterwards.
     */
    private void sweepBenchmark(int size, LocalDate period, LocalDate date, StringBuilder line) {
        String prefix = Names.unique("bench" + size) + "-";
        env.store()
                .execute(
                        "INSERT INTO account (username, username_key, email, email_key, email_confirmed)"
                                + " SELECT ? || g, ? || g, ? || g || '@bench.test', ? || g || '@bench.test', true"
                                + " FROM generate_series(1, ?) g",
                        prefix,
                        prefix,
                        prefix,
                        prefix,
                        size);
        env.store()
                .execute(
                        "INSERT INTO bill_run (account_id, period, amount_due, due_date, paid_at)"
                                + " SELECT id, ?, 10.00, ?, CASE WHEN row_number() OVER (ORDER BY id) % 100 = 0"
                                + " THEN NULL ELSE now() END FROM account WHERE username_key LIKE ? || '%'",
                        period, period.plusDays(14), prefix);
        env.store()
                .execute(
                        "INSERT INTO billing_warning (bill_run_id, offset_days) SELECT b.id, 17 FROM bill_run b"
                                + " JOIN account a ON a.id = b.account_id"
                                + " WHERE a.username_key LIKE ? || '%' AND b.paid_at IS NULL",
                        prefix);
        int delinquent = size / 100;
        assertThat(billing.preview(date).get("accounts")).hasSize(delinquent);
        env.store().resetStatementStatistics();

        long started = System.nanoTime();
        JsonNode swept = billing.sweep(date);
        long millis = (System.nanoTime() - started) / 1_000_000;

        long statements = env.store().statementsSinceReset().data();
        assertThat(swept.get("accountsTerminated").asInt()).isEqualTo(delinquent);
        assertThat(status.count(
                        "SELECT count(*) FROM account WHERE username_key LIKE ? || '%' AND status = 'terminated'",
                        prefix))
                .isEqualTo(delinquent);
        line.append(" billing_sweep_ms_").append(size).append('=').append(millis);
        line.append(" billing_sweep_terminated_").append(size).append('=').append(delinquent);
        line.append(" billing_sweep_store_statements_").append(size).append('=').append(statements);
        String accounts = "SELECT id FROM account WHERE username_key LIKE ? || '%'";
        env.store().execute("DELETE FROM status_audit WHERE account_id IN (" + accounts + ")", prefix);
        env.store().execute("DELETE FROM bill_run WHERE account_id IN (" + accounts + ")", prefix);
        env.store().execute("DELETE FROM account WHERE username_key LIKE ? || '%'", prefix);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
