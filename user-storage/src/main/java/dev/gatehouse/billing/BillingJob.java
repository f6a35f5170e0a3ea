package dev.gatehouse.billing;

import dev.gatehouse.storage.AccessRevocation;
import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.storage.StoreTransaction;
import dev.gatehouse.store.BillingCalendar;
import dev.gatehouse.store.BillingRepository;
import dev.gatehouse.store.BillingRepository.Batch;
import dev.gatehouse.store.BillingRepository.Invoice;
import dev.gatehouse.store.BillingRepository.Warning;
import java.time.LocalDate;
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
 * leaves: a warning is sent at most once, whatever runs again, crashes or runs concurrently. An
 * e-mail that fails is given back and tried again by the next run. Running a date again does
 * nothing new.
 */
public final class BillingJob {

    /** What one run did. */
    public record Result(LocalDate date, int warningsSent, int accountsTerminated) {}

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
     */
    public Result run(LocalDate date, String trigger) {
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
            sent += batch.items().isEmpty()
                    ? 0
                    : withRealms((session, mail) -> {
                        int delivered = 0;
                        BillingRepository store = new BillingRepository(GatehouseAccounts.entityManager(session));
                        for (Warning warning : batch.items()) {
                            Optional<LocalDate> termination = calendar.isLast(warning.offsetDays())
                                    ? calendar.terminationDate(warning.invoice().periodStart(), date)
                                    : Optional.empty();
                            if (mail.warning(warning, termination)) {
                                delivered++;
                            } else {
                                store.releaseWarning(warning);
                            }
                        }
                        return delivered;
                    });
            next = batch.next();
        }
        return sent;
    }

    private int terminate(LocalDate date) {
        LocalDate period = config.calendar().periodToTerminate(date);
        int terminated = 0;
        Optional<UUID> next = Optional.of(BillingRepository.FIRST_ACCOUNT);
        while (next.isPresent()) {
            UUID after = next.get();
            Batch<UUID, Invoice> batch = inStore(store -> store.terminateBatch(period, after, config.batchSize()));
            terminated += batch.items().size();
            if (!batch.items().isEmpty()) {
                withRealms((session, mail) -> {
                    List<RealmModel> realms = gatehouseRealms(session);
                    for (Invoice invoice : batch.items()) {
                        realms.forEach(realm -> AccessRevocation.endAccess(session, realm, invoice.accountId()));
                        mail.termination(invoice, date);
                    }
                    return null;
                });
            }
            next = batch.next();
        }
        return terminated;
    }

    /** Work after a batch committed, in a transaction of its own, with the e-mails of the mail realm. */
    private <T> T withRealms(SessionWork<T> work) {
        return StoreTransaction.run(factory, session -> {
            RealmModel realm = mailRealm(session)
                    .orElseThrow(() -> new IllegalStateException("No realm uses the gatehouse-accounts provider"));
            return work.run(session, new BillingMail(session, realm));
        });
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

    @FunctionalInterface
    private interface SessionWork<T> {
        T run(KeycloakSession session, BillingMail mail);
    }
}
