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
 * outside the sweep's run: rendering and SMTP cost tens of milliseconds per e-mail. An e-mail is
 * queued only for an account the sweep has just terminated, and a run of the same date again
 * terminates nobody twice, so none is sent twice; one that fails is logged and the termination
 * stands. An e-mail still queued when the node stops is not sent.
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

    /** Queues the e-mails of a few terminated accounts, to be sent in one transaction of their own. */
    void queue(List<Invoice> invoices, LocalDate date) {
        List<Invoice> copy = List.copyOf(invoices);
        try {
            executor.execute(() -> send(copy, date));
        } catch (RejectedExecutionException e) {
            // The node is stopping: the pool takes no more work.
            LOG.warnf(
                    "Termination e-mails from invoice %d on not sent: %s",
                    copy.get(0).id(), e);
        }
    }

    private void send(List<Invoice> invoices, LocalDate date) {
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
