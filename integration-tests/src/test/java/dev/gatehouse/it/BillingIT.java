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
        return env.store().warningOffsets(invoice);
    }

    /** {@code status/reason/actor} of the account's row, reason and actor empty when none. */
    private String accountStatus(UUID id) {
        var row = env.store().row(id).orElseThrow();
        return row.status() + "/" + java.util.Objects.toString(row.statusReason(), "") + "/"
                + java.util.Objects.toString(row.statusActor(), "");
    }

    @Test
    @DisplayName("warnings on days 3, 10 and 17 after the due date, once each, also when a date is swept twice;"
            + " a missed day sends only the latest warning; paid, banned and not-yet-due invoices get none")
    void warningsOnOffsets() {
        AccountTree tree = AccountTree.of(env, "warn", PASSWORD);
        String email = tree.address("late");
        tree.add("Zoë <Co> & bill", null, email)
                .addWithAddress("missed", null)
                .addWithAddress("paid", null)
                .addWithAddress("banned", null)
                .addWithAddress("future", null);
        String name = tree.username("Zoë <Co> & bill");
        long invoice = billing.invoice(tree.id("Zoë <Co> & bill"), date("2011-01-01"), "42.50", date("2011-01-15"));
        String missedEmail = tree.address("missed");
        long missed = billing.invoice(tree.id("missed"), date("2011-01-01"), "9.00", date("2011-01-01"));
        String paidEmail = tree.address("paid");
        billing.pay(billing.invoice(tree.id("paid"), date("2011-01-01"), "5.00", date("2011-01-10")));
        String bannedEmail = tree.address("banned");
        UUID banned = tree.id("banned");
        status.ban(banned, "billing test");
        billing.invoice(banned, date("2011-01-01"), "5.00", date("2011-01-10"));
        String futureEmail = tree.address("future");
        billing.invoice(tree.id("future"), date("2011-02-01"), "5.00", date("2011-02-28"));

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
        LocalDate today = env.store().today();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        assertThat(env.store().scheduledBillingRuns(today)).isPositive());
        AdminEvents.pause(Duration.ofSeconds(2L * KeycloakSetup.BILLING_INTERVAL_SECONDS + 1));

        assertThat(env.store().scheduledBillingRuns(today))
                .as("runs of today after several timer intervals")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("termination only in the last 7 days of the month, only of top-level accounts with an unpaid invoice"
            + " of the previous month; the preview lists exactly them; sub-users follow; e-mail; twice changes nothing")
    void terminationSweep() {
        LocalDate april = date("2011-04-01");
        AccountTree tree = AccountTree.of(env, "sweep", PASSWORD);
        String lateEmail = tree.address("late");
        tree.add("late", null, lateEmail)
                .add("late-sub", "late", lateEmail)
                .add("paid", null, null)
                .add("current", null, null)
                .add("older", null, null)
                .add("parent", null, null)
                .add("unpaid-sub", "parent", null)
                .add("banned", null, null);
        String lateName = tree.username("late");
        UUID late = tree.id("late");
        String subName = tree.username("late-sub");
        UUID sub = tree.id("late-sub");
        long lateInvoice = billing.invoice(late, april, "19.99", date("2011-04-15"));
        UUID paid = tree.id("paid");
        billing.pay(billing.invoice(paid, april, "19.99", date("2011-04-15")));
        UUID current = tree.id("current");
        billing.invoice(current, date("2011-05-01"), "19.99", date("2011-05-15"));
        UUID older = tree.id("older");
        billing.invoice(older, date("2011-03-01"), "19.99", date("2011-03-15"));
        UUID parentOfUnpaidSub = tree.id("parent");
        UUID unpaidSub = tree.id("unpaid-sub");
        billing.invoice(unpaidSub, april, "19.99", date("2011-04-15"));
        UUID banned = tree.id("banned");
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
        assertThat(env.store().audit(late))
                .as("old>new/actor/reason/cascaded")
                .filteredOn("active>terminated/system/billing/2"::equals)
                .hasSize(1);

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
        AccountTree tree = AccountTree.of(env, "owes", PASSWORD)
                .addWithAddress("owner", null)
                .add("sub", "owner", null);
        String name = tree.username("owner");
        UUID owner = tree.id("owner");
        String subName = tree.username("sub");
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
        AccountTree tree = AccountTree.of(env, "paying", PASSWORD)
                .add("payer", null, null)
                .add("other", null, null)
                .add("undecided", null, null);
        UUID payer = tree.id("payer");
        long payerInvoice = billing.invoice(payer, date("2011-08-01"), "12.00", date("2011-08-15"));
        UUID other = tree.id("other");
        billing.invoice(other, date("2011-08-01"), "12.00", date("2011-08-15"));
        UUID undecided = tree.id("undecided");
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
        // The test's point is a payment transaction held open across the sweep: its own connection and SQL.
        try (Connection payment = env.store().dataSource().getConnection()) {
            payment.setAutoCommit(false);
            try (PreparedStatement pay = payment.prepareStatement("UPDATE bill_run SET paid_at = now() WHERE id = ?")) {
                pay.setLong(1, invoice);
                assertThat(pay.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<JsonNode> sweep = CompletableFuture.supplyAsync(() -> billing.sweep(date));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(env.store().lockWaits("FOR UPDATE"))
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
        AccountTree tree = AccountTree.of(env, "restart", PASSWORD).addWithAddress("owner", null);
        String email = tree.address("owner");
        UUID owner = tree.id("owner");
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
        AdminEvents.pause(Duration.ofSeconds(2L * KeycloakSetup.BILLING_INTERVAL_SECONDS + 1));
        assertThat(env.store().scheduledBillingRuns(env.store().today()))
                .as("the scheduled task does not redo today after the restart")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a sweep for a date after today answers 400 and records nothing; the preview of that date answers"
            + " 200; today's date is accepted")
    void sweepRefusesFutureDates() {
        LocalDate today = storeToday();
        String admin = status.api().admin();

        for (LocalDate future : List.of(today.plusDays(1), today.plusYears(5))) {
            HttpResponse<String> refused = billing.sweep(future.toString(), admin);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(Oidc.json(refused.body()).get("errorMessage").asText())
                    .contains(future.toString())
                    .contains(today.toString());
            assertThat(env.store().billingRuns(future))
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
        return env.store().today();
    }

    @Test
    @DisplayName("Admin API: no token 401, without gatehouse-support 403, malformed date 400, store down 503")
    void adminApiErrors() {
        AccountTree tree = AccountTree.of(env, "billing-roles", PASSWORD)
                .add("ts-only", null, null)
                .add("sup", null, null);
        String trustSafety = tree.username("ts-only");
        status.api().grantRealmRole(trustSafety, "gatehouse-trust-safety");
        String support = tree.username("sup");
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
}
