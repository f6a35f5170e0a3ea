package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BanPropagation;
import dev.gatehouse.testing.GatehouseCluster;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.KeycloakSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Gatehouse on a two-node Keycloak cluster (issue 9 item 2): Infinispan clustered over JGroups'
 * {@code jdbc-ping} stack, both nodes on one Keycloak database, one account store, one mail
 * server. What one node does, the other must show at once; the daily job runs once for the
 * cluster; a node killed during a sweep leaves work that a rerun on the other node finishes. The
 * last test kills node A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Two-node cluster: bans, user cache, the daily job and a node killed during a sweep")
class ClusterIT {

    private static final String PASSWORD = "cluster-pass";
    /**
     * Delinquent accounts: more than the sweep's batch of 500, so that the rerun has accounts left
     * to terminate. Each costs a termination e-mail (tens of milliseconds): the sweep lasts tens of
     * seconds.
     */
    private static final int DELINQUENT = 600;
    /**
     * Notices a killed node may have claimed and not sent: the job's chunk of accounts per
     * transaction. A notice is sent at most once, so these are never sent.
     */
    private static final int NOTICES_IN_FLIGHT = 25;
    /** Of them, the ones whose last warning is still due; the others had it on an earlier day. */
    private static final int STILL_TO_WARN = 100;
    /** A date of the termination window, years before the scheduled runs' real date (a sweep may not run ahead of today). */
    private static final LocalDate SWEEP_DATE = LocalDate.parse("2013-04-24");

    private static final LocalDate SWEPT_PERIOD = LocalDate.parse("2013-03-01");

    private GatehouseCluster cluster;
    private GatehouseEnvironment a;
    private GatehouseEnvironment b;
    private StatusApi statusA;
    private StatusApi statusB;

    @BeforeAll
    void startCluster() {
        GatehouseEnvironment.Options options = GatehouseEnvironment.Options.fromSystemProperties();
        assumeThat(options.runtime())
                .as("the cluster starts two nodes from the unpacked distribution; the container runtime has none")
                .isEqualTo("distribution");
        long started = System.nanoTime();
        cluster = GatehouseCluster.start(options);
        System.out.printf("gatehouse.cluster started 2 nodes in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        a = cluster.node("a");
        b = cluster.node("b");
        // The harness waited for both nodes to see two members; printed, not asserted again.
        System.out.printf(
                "gatehouse.cluster members seen by A: %s, by B: %s%n",
                cluster.members("a").map(String::valueOf).orElse("?"),
                cluster.members("b").map(String::valueOf).orElse("?"));
        statusA = new StatusApi(a);
        statusB = new StatusApi(b);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(2)
    @DisplayName("a ban through node A: node B then refuses the refresh token it issued, the direct grant and the"
            + " browser password step (the delays printed)")
    void banPropagates() throws Exception {
        BanPropagation.Delays delays = new BanPropagation(a, b, PASSWORD).measure(Names.unique("cluster-ban"));

        System.out.printf(
                "gatehouse.cluster ban on A, refused on B after: refresh %d ms, direct grant %d ms,"
                        + " browser password step %d ms (browser attempts %d)%n",
                delays.refreshMillis(), delays.directGrantMillis(), delays.browserMillis(), delays.browserAttempts());
    }

    @Test
    @Order(3)
    @DisplayName("the cached user of a banned account is invalidated on both nodes: each node's Admin API shows it"
            + " disabled and banned")
    void userCacheInvalidated() {
        AccountTree tree = AccountTree.of(a, "cluster-cache", PASSWORD)
                .addWithAddress("parent", null)
                .add("sub", "parent", null);
        String parentName = tree.username("parent");
        UUID parent = tree.id("parent");
        String subName = tree.username("sub");
        Map<String, String> ids = Map.of(parentName, statusA.userId(parentName), subName, statusA.userId(subName));
        for (GatehouseEnvironment node : List.of(a, b)) {
            ids.values()
                    .forEach(userId -> assertThat(
                                    user(node, userId).get("enabled").asBoolean())
                            .as("read, and so cached, before the ban")
                            .isTrue());
        }

        HttpResponse<String> banned = statusA.ban(parent, "cluster cache test");
        long answered = System.nanoTime();
        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);

        long delay = BanPropagation.delayUntilRefused(
                answered,
                () -> ids.values().stream()
                        .allMatch(userId -> showsBanned(user(b, userId), userId.equals(ids.get(parentName)))),
                "the Admin API's user representation");
        for (GatehouseEnvironment node : List.of(a, b)) {
            JsonNode parentUser = user(node, ids.get(parentName));
            assertThat(showsBanned(parentUser, true)).as(parentUser.toString()).isTrue();
            JsonNode subUser = user(node, ids.get(subName));
            assertThat(showsBanned(subUser, false)).as(subUser.toString()).isTrue();
        }
        System.out.printf(
                "gatehouse.cluster ban on A, node B's Admin API shows both users banned after %d ms%n", delay);
    }

    private static JsonNode user(GatehouseEnvironment node, String userId) {
        return node.admin().json(ApiKeys.REALM + "/users/" + userId);
    }

    /** Disabled, with the banned effective status; {@code own}: banned itself, not only through its parent. */
    private static boolean showsBanned(JsonNode user, boolean own) {
        JsonNode attributes = user.path("attributes");
        return !user.path("enabled").asBoolean(true)
                && attributes.path("gatehouseEffectiveStatus").path(0).asText().equals("banned")
                && (!own || attributes.path("gatehouseStatus").path(0).asText().equals("banned"));
    }

    @Test
    @Order(4)
    @DisplayName("the daily job runs once for the cluster: with both nodes' timers firing, one run of the day and"
            + " each due warning e-mailed once")
    void dailyJobOncePerCluster() {
        LocalDate today = a.store().today();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(a.store().scheduledBillingRuns(today)).isPositive());
        for (GatehouseEnvironment node : List.of(a, b)) {
            JsonNode info =
                    node.admin().json("/serverinfo").at("/providers/gatehouse-jobs/providers/default/operationalInfo");
            assertThat(info.get("billingIntervalSeconds").asText())
                    .as("the task is scheduled on both nodes")
                    .isEqualTo(String.valueOf(KeycloakSetup.BILLING_INTERVAL_SECONDS));
        }
        BillingApi billing = new BillingApi(a, statusA.api());
        AccountTree tree = AccountTree.of(a, "cluster-daily", PASSWORD);
        List<String> recipients = new ArrayList<>();
        List<Long> invoices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "owner" + i;
            tree.addWithAddress(name, null);
            recipients.add(tree.address(name));
            invoices.add(billing.invoice(tree.id(name), today.withDayOfMonth(1), "11.00", today.minusDays(3)));
        }
        int beforeA = scheduledRunLines(today, "a");
        int beforeB = scheduledRunLines(today, "b");
        // The day's run is over; deleting its record makes the job see a day not yet done, as the
        // next day would, with both nodes' timers already firing.
        a.store().forgetBillingRuns(today);

        await().atMost(Duration.ofSeconds(4L * KeycloakSetup.BILLING_INTERVAL_SECONDS))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recipients.stream()
                        .allMatch(address -> !a.mail().messagesTo(address).isEmpty()));
        sleep(Duration.ofSeconds(3L * KeycloakSetup.BILLING_INTERVAL_SECONDS));

        Map<String, Integer> received = new HashMap<>();
        recipients.forEach(
                address -> received.put(address, a.mail().messagesTo(address).size()));
        assertThat(received)
                .as("warnings per recipient")
                .allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
        assertThat(a.store().billingRuns(today)).as("runs of the day").isEqualTo(1);
        int runsA = scheduledRunLines(today, "a") - beforeA;
        int runsB = scheduledRunLines(today, "b") - beforeB;
        assertThat(runsA + runsB).as("runs logged by the nodes").isEqualTo(1);
        System.out.printf(
                "gatehouse.cluster daily job: %d warnings, each received once; the day's run by node %s%n",
                recipients.size(), runsA == 1 ? "A" : "B");
        invoices.forEach(billing::pay);
    }

    @Test
    @Order(5)
    @DisplayName("node A killed during a termination sweep: the rerun of the date on node B terminates every"
            + " delinquent account and nobody else, notifies those A left without notice, and sends no warning or"
            + " termination e-mail twice")
    void sweepFinishedAfterKill() throws Exception {
        String prefix = Names.unique("cluster-sweep");
        seedDelinquents(prefix);
        Map<String, UUID> controls = seedControls();

        KilledSweep killed = sweepOnAUntilKilled(prefix);
        long rerunStarted = System.nanoTime();
        JsonNode rerun = new BillingApi(b, statusB.api()).sweep(SWEEP_DATE);
        // B sends the notices A left on its executor, after the rerun's answer.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> terminationNotices(prefix) >= DELINQUENT - NOTICES_IN_FLIGHT);
        long rerunMillis = (System.nanoTime() - rerunStarted) / 1_000_000;
        sleep(Duration.ofSeconds(2));

        assertDelinquentsTerminated(prefix, rerun, killed);
        assertControlsUntouched(controls);
        SweepMails mails = assertMailsOnce(prefix, controls);
        System.out.printf(
                "gatehouse.cluster sweep of %s over %d delinquent accounts: A killed after %d ms with %d terminated"
                        + " and %d termination e-mails sent; rerun on B in %d ms terminated %d; termination e-mails"
                        + " %d of %d, warnings %d; prepared transactions left by the kill: %d%n",
                SWEEP_DATE,
                DELINQUENT,
                killed.afterMillis(),
                killed.terminated(),
                killed.noticesSent(),
                rerunMillis,
                rerun.get("accountsTerminated").asInt(),
                mails.notices(),
                DELINQUENT,
                mails.warnings(),
                killed.preparedTransactions());
    }

    /** What node A left when it was killed during the sweep. */
    private record KilledSweep(long afterMillis, int terminated, int noticesSent, int preparedTransactions) {}

    /** The delinquent accounts' billing e-mails after the rerun. */
    private record SweepMails(int notices, int warnings) {}

    /**
     * {@link #DELINQUENT} top-level accounts {@code <prefix>-<n>} with an unpaid invoice of the swept
     * period, all but {@link #STILL_TO_WARN} of them warned already (set-based: hundreds of rows).
     */
    private void seedDelinquents(String prefix) {
        a.store().bulkAccounts(prefix, DELINQUENT);
        a.store().delinquents(prefix, SWEPT_PERIOD, "10.00", SWEPT_PERIOD.plusDays(14), 17, STILL_TO_WARN);
    }

    /**
     * Accounts the sweep must leave alone: one that paid, one invoiced for the current period, a
     * banned one, and a sub-user with an invoice of its own under a parent without one.
     */
    private Map<String, UUID> seedControls() {
        BillingApi billingA = new BillingApi(a, statusA.api());
        AccountTree tree = AccountTree.of(a, "cluster-control", PASSWORD)
                .addWithAddress("paid", null)
                .addWithAddress("current", null)
                .addWithAddress("parent", null)
                .addWithAddress("sub", "parent");
        Map<String, UUID> controls = new HashMap<>();
        for (String control : tree.names()) {
            controls.put(control, tree.id(control));
        }
        controls.put(
                "banned",
                a.store()
                        .account(tree.username("banned"))
                        .email(tree.address("banned"))
                        .password(PASSWORD)
                        .status("banned", "cluster test")
                        .create());
        billingA.pay(billingA.invoice(controls.get("paid"), SWEPT_PERIOD, "10.00", SWEPT_PERIOD.plusDays(14)));
        billingA.invoice(controls.get("current"), SWEEP_DATE.withDayOfMonth(1), "10.00", SWEEP_DATE.withDayOfMonth(15));
        billingA.invoice(controls.get("banned"), SWEPT_PERIOD, "10.00", SWEPT_PERIOD.plusDays(14));
        billingA.invoice(controls.get("sub"), SWEPT_PERIOD, "10.00", SWEPT_PERIOD.plusDays(14));
        return controls;
    }

    /**
     * Starts the sweep on node A and kills A (SIGKILL) once the first termination e-mail arrived,
     * while most are still to send: the sweep answers once its batches are terminated, the notices
     * go out afterwards on A's executor.
     */
    private KilledSweep sweepOnAUntilKilled(String prefix) throws Exception {
        BillingApi billingA = new BillingApi(a, statusA.api());
        long started = System.nanoTime();
        CompletableFuture<Integer> sweepOnA = CompletableFuture.supplyAsync(() -> {
            try {
                return billingA.sweep(SWEEP_DATE.toString(), statusA.api().admin())
                        .statusCode();
            } catch (RuntimeException killed) {
                return -1;
            }
        });
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> terminationNotices(prefix) > 0);
        cluster.kill("a");
        long killedAfter = (System.nanoTime() - started) / 1_000_000;
        assertThat(sweepOnA.get(10, TimeUnit.SECONDS))
                .as("the sweep's answer: 200 if its batches were done, none if A died first")
                .isIn(200, -1);
        int noticesSent = terminationNotices(prefix);
        assertThat(noticesSent)
                .as("A must be killed with notices left to send; seed more accounts")
                .isLessThan(DELINQUENT - NOTICES_IN_FLIGHT);
        return new KilledSweep(killedAfter, terminatedForBilling(prefix), noticesSent, (int)
                a.store().preparedTransactions());
    }

    /** Accounts {@code <prefix>-…} terminated by the system for billing. */
    private int terminatedForBilling(String prefix) {
        return (int) a.store().rowsWithPrefix(prefix).stream()
                .filter(row -> row.status().equals("terminated")
                        && "billing".equals(row.statusReason())
                        && "system".equals(row.statusActor()))
                .count();
    }

    /** Every delinquent account terminated by the system for billing, the rerun doing what A left. */
    private void assertDelinquentsTerminated(String prefix, JsonNode rerun, KilledSweep killed) {
        assertThat(terminatedForBilling(prefix))
                .as("delinquent accounts terminated for billing by the system")
                .isEqualTo(DELINQUENT);
        assertThat(rerun.get("accountsTerminated").asInt()).isEqualTo(DELINQUENT - killed.terminated());
    }

    private void assertControlsUntouched(Map<String, UUID> controls) {
        for (String active : List.of("paid", "current", "parent", "sub")) {
            assertThat(status(controls.get(active))).as(active).isEqualTo("active");
        }
        assertThat(status(controls.get("banned"))).isEqualTo("banned");
    }

    /**
     * No recipient got a warning or a termination twice; the delinquents still due got their last
     * warning, and all but the notices in flight at the kill their termination e-mail; the controls
     * got what their invoices call for.
     */
    private SweepMails assertMailsOnce(String prefix, Map<String, UUID> controls) {
        Map<String, Tally> mails = tallies();
        assertThat(mails.values())
                .as("no recipient got a warning or a termination twice")
                .allSatisfy(tally -> {
                    assertThat(tally.warnings).isLessThanOrEqualTo(1);
                    assertThat(tally.terminations).isLessThanOrEqualTo(1);
                });
        List<Tally> delinquentMails = mails.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix + "-"))
                .map(Map.Entry::getValue)
                .toList();
        int notices =
                delinquentMails.stream().mapToInt(tally -> tally.terminations).sum();
        int warnings =
                delinquentMails.stream().mapToInt(tally -> tally.warnings).sum();
        assertThat(warnings)
                .as("the last warning for each account still without it")
                .isEqualTo(STILL_TO_WARN);
        assertThat(DELINQUENT - notices)
                .as("terminated accounts without a termination e-mail (a rerun notifies what the killed node left)")
                .isLessThanOrEqualTo(NOTICES_IN_FLIGHT);
        Map<String, Tally> controlMails = new HashMap<>();
        controls.keySet()
                .forEach(control ->
                        controlMails.put(control, mails.getOrDefault(addressOf(controls.get(control)), new Tally())));
        assertThat(controlMails.get("paid").total()).as("paid").isZero();
        assertThat(controlMails.get("banned").total()).as("banned").isZero();
        assertThat(controlMails.get("parent").total())
                .as("parent without an invoice")
                .isZero();
        for (String warned : List.of("current", "sub")) {
            assertThat(controlMails.get(warned).warnings).as(warned).isEqualTo(1);
            assertThat(controlMails.get(warned).terminations).as(warned).isZero();
        }
        return new SweepMails(notices, warnings);
    }

    private String status(UUID id) {
        return a.store().row(id).orElseThrow().status();
    }

    private String addressOf(UUID id) {
        return a.store().row(id).orElseThrow().email();
    }

    /** The billing e-mails one recipient received. */
    private static final class Tally {
        int warnings;
        int terminations;
        int others;

        int total() {
            return warnings + terminations + others;
        }
    }

    /** Billing e-mails per recipient, from every message the mail server holds. */
    private Map<String, Tally> tallies() {
        Map<String, Tally> tallies = new HashMap<>();
        for (MimeMessage message : a.mail().messages()) {
            try {
                for (Address recipient : message.getAllRecipients()) {
                    Tally tally = tallies.computeIfAbsent(recipient.toString(), address -> new Tally());
                    String subject = message.getSubject();
                    if (subject.startsWith("Payment reminder") || subject.startsWith("Final notice")) {
                        tally.warnings++;
                    } else if (subject.startsWith("Your account was terminated")) {
                        tally.terminations++;
                    } else {
                        tally.others++;
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return tallies;
    }

    private int scheduledRunLines(LocalDate date, String node) {
        try {
            String line = "Billing job for " + date + " (scheduled)";
            return (int) Files.readAllLines(cluster.log(node)).stream()
                    .filter(each -> each.contains(line))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Termination e-mails received so far by the sweep's delinquent accounts. */
    private int terminationNotices(String prefix) {
        return tallies().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix + "-"))
                .mapToInt(entry -> entry.getValue().terminations)
                .sum();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
