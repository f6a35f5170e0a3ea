package dev.gatehouse.authenticators;

import dev.gatehouse.storage.ConfirmationToken;
import dev.gatehouse.storage.MailRecipient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The e-mails of signup and confirmation, in the realm's e-mail theme: a confirmation link (for a
 * pending signup, or for an account whose address is unconfirmed), and the notice to the owner of
 * an address that someone tried to sign up with. A failed send is logged, never shown: the pages
 * must read the same whatever happened to the e-mail.
 */
final class ConfirmationMail {

    static final String CONFIRM_SUBJECT = "gatehouse.confirmEmailSubject";
    static final String CONFIRM_TEMPLATE = "gatehouse-confirm-email.ftl";
    static final String TAKEN_SUBJECT = "gatehouse.addressTakenSubject";
    static final String TAKEN_TEMPLATE = "gatehouse-address-taken.ftl";

    private static final Logger LOG = Logger.getLogger(ConfirmationMail.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SignupSettings settings;

    ConfirmationMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.settings = SignupSettings.of(realm);
    }

    /** When a link made now expires, in Keycloak's clock (seconds). */
    int linkExpiry() {
        return Time.currentTime() + settings.linkSeconds();
    }

    /** Sends the link that confirms a pending signup or an account's address, valid until {@code expiry}. */
    void sendLink(ConfirmationToken.Kind kind, UUID subject, String username, String email, int expiry) {
        String key = new ConfirmationToken(subject, kind, email, expiry)
                .serialize(session, realm, session.getContext().getUri());
        String link = session.getContext()
                .getUri()
                .getBaseUriBuilder()
                .path("realms")
                .path(realm.getName())
                .path("gatehouse/confirm-email")
                .queryParam("key", key)
                .build()
                .toString();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("username", username);
        attributes.put("link", link);
        attributes.put("linkHours", settings.linkHours());
        attributes.put("signup", kind == ConfirmationToken.Kind.SIGNUP);
        send(CONFIRM_SUBJECT, CONFIRM_TEMPLATE, attributes, username, email);
    }

    /** Tells the owner of an address in use that someone tried to sign up with it; no link. */
    void sendAddressTaken(String email) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(
                "forgotUsernameUrl",
                session.getContext()
                        .getUri()
                        .getBaseUriBuilder()
                        .path("realms")
                        .path(realm.getName())
                        .path("gatehouse/forgot-username")
                        .build()
                        .toString());
        send(TAKEN_SUBJECT, TAKEN_TEMPLATE, attributes, email, email);
    }

    private void send(String subject, String template, Map<String, Object> attributes, String username, String email) {
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(new MailRecipient(session, realm, username, email))
                    .send(subject, List.of(), template, attributes);
        } catch (EmailException e) {
            LOG.warnf("Could not send %s in realm %s: %s", template, realm.getName(), e);
        }
    }
}
