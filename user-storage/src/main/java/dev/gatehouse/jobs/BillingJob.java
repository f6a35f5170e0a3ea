package dev.gatehouse.jobs;

import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.domain.BillingCalendar;
import dev.gatehouse.federation.AccessRevocation;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.federation.PendingRevocations;
import dev.gatehouse.metrics.GatehouseMetrics;
import dev.gatehouse.store.BillingRepository;
import dev.gatehouse.store.BillingRepository.Batch;
import dev.gatehouse.store.BillingRepository.Invoice;
import dev.gatehouse.store.BillingRepository.Warning;
import dev.gatehouse.store.RevocationOutbox;
import dev.gatehouse.store.RevocationOutbox.Revocation;
import dev.gatehouse.store.StoreTransaction;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The daily billing job for one date (SPEC P6.2): warning e-mails for unpaid, past-due invoices,
 * then, in the last seven days of the month, the termination of every top-level account with an
 * unpaid invoice of the previous month, its sessions ended and an e-mail sent.
 *
 * <p>Each batch claims or terminates in a transaction of its own, which commits before any e-mail
 * leaves: a warning or a termination notice is sent at most once, whatever runs again, crashes or
 * runs concurrently; a warning whose e-mail fails is given back and tried again by the next run. A
 * terminated batch's sessions end at once, for the whole batch. The termination notices are then
 * claimed and sent on Keycloak's executor ({@link TerminationMails}), so the run's answer does not
 * wait for the e-mails. Running a date again does nothing new, except finish what a run that
 * stopped left: accounts to terminate, and terminated accounts whose notice no run claimed.
 */
public final class BillingJob {

    /** The job cannot run: no realm to send its e-mails through. */
    public static final class NoMailRealmException extends RuntimeException {
        NoMailRealmException(String message) {
            super(message);
        }
    }

    /** What one run did. */
    public record Result(LocalDate date, int warningsSent, int accountsTerminated) {}

    /**
     * Accounts whose e-mails one transaction handles after their batch committed:
     * few enough that a slow mail server keeps it short, enough to share its two-phase commit.
     */
    private static final int ACCOUNTS_PER_TRANSACTION = 25;

    private static final Logger LOG = Logger.getLogger(BillingJob.class);

    private final KeycloakSessionFactory factory;
    private final BillingConfig config;

    public BillingJob(KeycloakSessionFactory factory, BillingConfig config) {
        this.factory = factory;
        this.config = config;
    }

    /** The accounts the run of this date would terminate, if nobody pays first. */
    public List<Invoice> preview(LocalDate date) {
        BillingCalendar calendar = config.calendar();
        if (!calendar.inTerminationWindow(date)) {
            return List.of();
        }
        return inStore(store -> store.terminationCandidates(calendar.periodToTerminate(date)));
    }

    /** Today in the account store's time zone: the date of scheduled runs and the latest a sweep may run for. */
    public LocalDate today() {
        return inStore(BillingRepository::today);
    }

    /** The run of the scheduled task: today's, unless a run of today finished already or no realm uses the store. */
    Optional<Result> runScheduled() {
        LocalDate today = inStore(BillingRepository::today);
        if (inStore(store -> store.finished(today)) || mailRealm().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(run(today, "scheduled"));
    }

    /**
     * Runs the job for a date.
     *
     * @param trigger {@code scheduled} or {@code admin}, for the record of runs
     * @throws NoMailRealmException when no realm can send the e-mails
     */
    public Result run(LocalDate date, String trigger) {
        if (mailRealm().isEmpty()) {
            // Claimed warnings could not be sent: claim none.
            throw noMailRealm();
        }
        long run = inStore(store -> store.started(date, trigger));
        int warnings = warn(date);
        int terminated = config.calendar().inTerminationWindow(date) ? terminate(date) : 0;
        inStore(store -> {
            store.finished(run, warnings, terminated);
            return null;
        });
        LOG.infof(
                "Billing job for %s (%s): %d warnings sent, %d accounts terminated",
                date, trigger, warnings, terminated);
        return new Result(date, warnings, terminated);
    }

    private int warn(LocalDate date) {
        BillingCalendar calendar = config.calendar();
        int sent = 0;
        Optional<Long> next = Optional.of(0L);
        while (next.isPresent()) {
            long after = next.get();
            Batch<Long, Warning> batch =
                    inStore(store -> store.claimWarnings(date, calendar, after, config.batchSize()));
            for (List<Warning> chunk : chunks(batch.items())) {
                sent += afterCommit(chunk.get(0).invoice(), (session, mail) -> (int) chunk.stream()
                        .filter(warning -> deliver(session, mail, warning, date))
                        .count());
            }
            next = batch.next();
        }
        return sent;
    }

    private int terminate(LocalDate date) {
        LocalDate period = config.calendar().periodToTerminate(date);
        TerminationMails mails = new TerminationMails(factory, mailRealm().orElseThrow(this::noMailRealm));
        int terminated = 0;
        Optional<UUID> next = Optional.of(BillingRepository.FIRST_ACCOUNT);
        while (next.isPresent()) {
            UUID after = next.get();
            Terminated batch = terminateBatch(period, after);
            terminated += batch.invoices().items().size();
            if (!batch.invoices().items().isEmpty()) {
                countTerminated(batch.invoices().items());
                PendingRevocations.attempt(factory, batch.revocation());
            }
            next = batch.invoices().next();
        }
        notifyTerminated(period, date, mails);
        return terminated;
    }

    /** A terminated batch, and its revocation queued in the outbox in the same transaction. */
    private record Terminated(Batch<UUID, Invoice> invoices, Revocation revocation) {}

    private Terminated terminateBatch(LocalDate period, UUID after) {
        return StoreTransaction.run(factory, session -> {
            EntityManager em = GatehouseAccounts.entityManager(session);
            Batch<UUID, Invoice> batch = new BillingRepository(em).terminateBatch(period, after, config.batchSize());
            List<UUID> accounts = batch.items().stream().map(Invoice::accountId).toList();
            return new Terminated(batch, new RevocationOutbox(em).queue(accounts, AccountStatus.TERMINATED));
        });
    }

    private void countTerminated(List<Invoice> batch) {
        StoreTransaction.run(factory, session -> {
            for (RealmModel realm : gatehouseRealms(session)) {
                GatehouseMetrics.global().accountsStatusChanged(realm.getName(), "terminated", batch.size());
            }
            return null;
        });
    }

    /**
     * Ends the access of accounts whose notice is about to go out, once more: a run that stopped may
     * have left it. A failure, logged, leaves the terminations in force (the adapter and the token
     * status gate refuse the accounts whatever their sessions), and their revocation queued in the
     * outbox when the batch committed is retried until it succeeds.
     */
    private void endAccess(List<Invoice> batch) {
        List<UUID> accounts = batch.stream().map(Invoice::accountId).toList();
        try {
            StoreTransaction.run(factory, session -> {
                for (RealmModel realm : gatehouseRealms(session)) {
                    AccessRevocation.endAccess(session, realm, accounts);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "Billing job: could not end the sessions of the accounts from invoice %d on",
                    batch.get(0).id());
        }
    }

    /**
     * On Keycloak's executor, after the run's answer: claims the notices of the period's terminated
     * accounts that no run claimed yet, {@value #ACCOUNTS_PER_TRANSACTION} at a time, ends their
     * access once more (a run that stopped may have left it) and e-mails them. Each claim commits
     * before its e-mails leave, so a notice goes out at most once, and a node that stops loses at
     * most the chunk it was sending: the next run of the date claims the rest.
     */
    private void notifyTerminated(LocalDate period, LocalDate date, TerminationMails mails) {
        mails.execute(() -> {
            List<Invoice> claimed = inStore(store -> store.claimTerminationNotices(period, ACCOUNTS_PER_TRANSACTION));
            while (!claimed.isEmpty()) {
                endAccess(claimed);
                mails.send(claimed, date);
                claimed = inStore(store -> store.claimTerminationNotices(period, ACCOUNTS_PER_TRANSACTION));
            }
        });
    }

    /** Sends a claimed warning, or gives it back for the next run when the e-mail fails. */
    private boolean deliver(KeycloakSession session, BillingMail mail, Warning warning, LocalDate date) {
        BillingCalendar calendar = config.calendar();
        Optional<LocalDate> termination = calendar.isLast(warning.offsetDays())
                ? calendar.terminationDate(warning.invoice().periodStart(), date)
                : Optional.empty();
        if (mail.warning(warning, termination)) {
            return true;
        }
        new BillingRepository(GatehouseAccounts.entityManager(session)).releaseWarning(warning);
        return false;
    }

    /**
     * Work for a few accounts after their batch committed, in a transaction of its own: e-mails
     * are slow, and a failure, logged, leaves the other accounts' work done.
     *
     * @param first the chunk's first invoice, for the log
     * @return what the work counted, 0 when it failed
     */
    private int afterCommit(Invoice first, SessionWork work) {
        try {
            return StoreTransaction.run(factory, session -> {
                RealmModel realm = mailRealm(session)
                        .orElseThrow(() -> new IllegalStateException("No realm uses the gatehouse-accounts provider"));
                return work.run(session, new BillingMail(session, realm));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Billing job: could not finish the accounts from invoice %d on", first.id());
            return 0;
        }
    }

    private NoMailRealmException noMailRealm() {
        return new NoMailRealmException(config.realm()
                .map(name -> "The billing e-mail realm " + name + " does not exist")
                .orElse("No realm uses the gatehouse-accounts provider"));
    }

    private <T> T inStore(Function<BillingRepository, T> work) {
        return StoreTransaction.run(
                factory, session -> work.apply(new BillingRepository(GatehouseAccounts.entityManager(session))));
    }

    private Optional<String> mailRealm() {
        return StoreTransaction.run(factory, session -> mailRealm(session).map(RealmModel::getName));
    }

    private Optional<RealmModel> mailRealm(KeycloakSession session) {
        if (config.realm().isPresent()) {
            return Optional.ofNullable(
                    session.realms().getRealmByName(config.realm().get()));
        }
        return gatehouseRealms(session).stream().findFirst();
    }

    /** The realms whose users include the store's accounts, by name. */
    private static List<RealmModel> gatehouseRealms(KeycloakSession session) {
        return session.realms()
                .getRealmsStream()
                .filter(realm -> GatehouseAccounts.component(realm).isPresent())
                .sorted(Comparator.comparing(RealmModel::getName))
                .toList();
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += ACCOUNTS_PER_TRANSACTION) {
            chunks.add(items.subList(from, Math.min(items.size(), from + ACCOUNTS_PER_TRANSACTION)));
        }
        return chunks;
    }

    @FunctionalInterface
    private interface SessionWork {
        int run(KeycloakSession session, BillingMail mail);
    }
}
