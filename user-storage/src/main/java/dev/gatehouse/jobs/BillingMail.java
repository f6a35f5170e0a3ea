package dev.gatehouse.jobs;

import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.BillingRepository.Invoice;
import dev.gatehouse.store.BillingRepository.Warning;
import dev.gatehouse.support.MailQueue;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The billing e-mails, through Keycloak's e-mail templates in the realm's e-mail theme (HTML and
 * plain text, in the account's locale or the realm's default).
 */
final class BillingMail {

    static final String WARNING_TEMPLATE = "gatehouse-billing-warning.ftl";
    static final String WARNING_SUBJECT = "gatehouse.billingWarningSubject";
    static final String LAST_WARNING_SUBJECT = "gatehouse.billingLastWarningSubject";
    static final String TERMINATED_TEMPLATE = "gatehouse-billing-terminated.ftl";
    static final String TERMINATED_SUBJECT = "gatehouse.billingTerminatedSubject";

    private static final Logger LOG = Logger.getLogger(BillingMail.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    BillingMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        // The realm's users are looked up before any e-mail: a scheduled task's session has no realm.
        session.getContext().setRealm(realm);
    }

    /**
     * Sends a warning; the last one announces the termination date, when the sweep can still
     * terminate for this invoice.
     *
     * @return whether it was sent
     */
    boolean warning(Warning warning, Optional<LocalDate> terminationDate) {
        Map<String, Object> attributes = invoiceAttributes(warning.invoice());
        attributes.put("daysOverdue", String.valueOf(warning.daysOverdue()));
        terminationDate.ifPresent(date -> attributes.put("terminationDate", date.toString()));
        String subject = terminationDate.isPresent() ? LAST_WARNING_SUBJECT : WARNING_SUBJECT;
        return send(warning.invoice(), subject, WARNING_TEMPLATE, attributes);
    }

    /** Tells the account it was terminated for the unpaid invoice. */
    boolean termination(Invoice invoice, LocalDate date) {
        Map<String, Object> attributes = invoiceAttributes(invoice);
        attributes.put("terminatedOn", date.toString());
        return send(invoice, TERMINATED_SUBJECT, TERMINATED_TEMPLATE, attributes);
    }

    private static Map<String, Object> invoiceAttributes(Invoice invoice) {
        // The template provider adds its own attributes to the map.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("username", invoice.username());
        attributes.put("period", invoice.period());
        attributes.put("amountDue", invoice.amountDue());
        attributes.put("dueDate", invoice.dueDate().toString());
        // No request to take a language from: the account's locale or the realm's default.
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        return attributes;
    }

    private boolean send(Invoice invoice, String subject, String template, Map<String, Object> attributes) {
        Optional<UserModel> user = GatehouseAccounts.user(session, realm, invoice.accountId());
        if (user.isEmpty() || invoice.email() == null) {
            LOG.warnf(
                    "No e-mail for invoice %d: account %s has no address in realm %s",
                    invoice.id(), invoice.accountId(), realm.getName());
            return false;
        }
        return MailQueue.sendNow(
                session,
                realm,
                user.get(),
                template + " for invoice " + invoice.id(),
                subject,
                List.of(invoice.period()),
                template,
                attributes);
    }
}
