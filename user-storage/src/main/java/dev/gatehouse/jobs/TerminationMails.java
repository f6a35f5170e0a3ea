package dev.gatehouse.jobs;

import dev.gatehouse.store.BillingRepository.Invoice;
import dev.gatehouse.support.MailQueue;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The termination e-mails of a sweep, sent on Gatehouse's mail pool ({@link MailQueue}) once the terminations committed,
 * outside the sweep's run: rendering and SMTP cost tens of milliseconds per e-mail. The job claims
 * each notice in the store before its e-mail is sent here, so none is sent twice; one that fails
 * is logged and the termination stands.
 */
final class TerminationMails {

    private static final Logger LOG = Logger.getLogger(TerminationMails.class);

    private final KeycloakSessionFactory factory;
    private final String realmName;

    TerminationMails(KeycloakSessionFactory factory, String realmName) {
        this.factory = factory;
        this.realmName = realmName;
    }

    /** Runs the notification work on Gatehouse's bounded mail pool ({@link MailQueue}). */
    void execute(Runnable work) {
        MailQueue.execute(factory, "termination notices", () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Termination notices stopped: the next run of the date sends the rest");
            }
        });
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
