package dev.gatehouse.billing;

import dev.gatehouse.store.BillingRepository.Invoice;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The termination e-mails of a sweep, sent on Keycloak's executor once the terminations committed,
 * outside the sweep's run: rendering and SMTP cost tens of milliseconds per e-mail. The job claims
 * each notice in the store before its e-mail is sent here, so none is sent twice; one that fails
 * is logged and the termination stands.
 */
final class TerminationMails {

    /** Keycloak's executor pool the e-mails are sent on ({@code --spi-executors--default--…} sizes it). */
    static final String EXECUTOR = "gatehouse-billing-mail";

    private static final Logger LOG = Logger.getLogger(TerminationMails.class);

    private final KeycloakSessionFactory factory;
    private final String realmName;
    private final ExecutorService executor;

    TerminationMails(KeycloakSessionFactory factory, String realmName) {
        this.factory = factory;
        this.realmName = realmName;
        this.executor = KeycloakModelUtils.runJobInTransactionWithResult(
                factory, session -> session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR));
    }

    /** Runs the notification work on the pool; logged and dropped when the node is stopping. */
    void execute(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Termination notices stopped: the next run of the date sends the rest");
                }
            });
        } catch (RejectedExecutionException e) {
            // The node is stopping: the pool takes no more work; the next run claims the notices.
            LOG.warnf("Termination notices not started: %s", e);
        }
    }

    /** Sends the e-mails of a few terminated accounts, in one transaction of their own. */
    void send(List<Invoice> invoices, LocalDate date) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealmByName(realmName);
                if (realm == null) {
                    throw new IllegalStateException("The billing e-mail realm " + realmName + " no longer exists");
                }
                BillingMail mail = new BillingMail(session, realm);
                invoices.forEach(invoice -> mail.termination(invoice, date));
            });
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "Termination e-mails from invoice %d on not sent",
                    invoices.get(0).id());
        }
    }
}
