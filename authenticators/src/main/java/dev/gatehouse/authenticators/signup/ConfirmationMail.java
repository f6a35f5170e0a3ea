package dev.gatehouse.authenticators.signup;

import dev.gatehouse.support.ConfirmationToken;
import dev.gatehouse.support.DeferredSignature;
import dev.gatehouse.support.MailQueue;
import dev.gatehouse.support.RealmUrls;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The e-mails of signup and confirmation, in the realm's e-mail theme: a confirmation link (for a
 * pending signup, or for an account whose address is unconfirmed), the notice to the owner of an
 * address that someone tried to sign up with, and "this username is taken". All are queued for
 * after the commit ({@link MailQueue}): the pages read the same whatever happens to the e-mail.
 */
public final class ConfirmationMail {

    static final String CONFIRM_SUBJECT = "gatehouse.confirmEmailSubject";
    static final String CONFIRM_TEMPLATE = "gatehouse-confirm-email.ftl";
    static final String TAKEN_SUBJECT = "gatehouse.addressTakenSubject";
    static final String TAKEN_TEMPLATE = "gatehouse-address-taken.ftl";
    static final String USERNAME_TAKEN_SUBJECT = "gatehouse.usernameTakenSubject";
    static final String USERNAME_TAKEN_TEMPLATE = "gatehouse-username-taken.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SignupSettings settings;

    public ConfirmationMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.settings = SignupSettings.of(realm);
    }

    /** When a link made now expires, in Keycloak's clock (seconds). */
    public int linkExpiry() {
        return Time.currentTime() + settings.linkSeconds();
    }

    /** Sends the link that confirms a pending signup or an account's address, valid until {@code expiry}. */
    public void sendLink(ConfirmationToken.Kind kind, UUID subject, String username, String email, int expiry) {
        // The token is signed when the e-mail is sent: a signup that sends no link (a taken or
        // banned address) would otherwise answer faster by a signature (SPEC P2.6, S1).
        DeferredSignature signature = DeferredSignature.of(session, realm);
        String page =
                RealmUrls.gatehouse(session, realm, "confirm-email").build().toString();
        int hours = settings.linkHours();
        MailQueue.afterCommit(session, realm, username, email, CONFIRM_TEMPLATE, (sending, sendingRealm, templates) -> {
            String key = signature.sign(sending, new ConfirmationToken(subject, kind, email, expiry));
            Map<String, Object> attributes = MailQueue.attributes();
            attributes.put("username", username);
            attributes.put(
                    "link",
                    UriBuilder.fromUri(page).queryParam("key", key).build().toString());
            attributes.put("linkHours", hours);
            attributes.put("signup", kind == ConfirmationToken.Kind.SIGNUP);
            templates.send(CONFIRM_SUBJECT, List.of(), CONFIRM_TEMPLATE, attributes);
        });
    }

    /** Tells the owner of an address in use that someone tried to sign up with it; no link. */
    void sendAddressTaken(String email) {
        Map<String, Object> attributes = MailQueue.attributes();
        attributes.put("forgotUsernameUrl", forgotUsernameUrl());
        send(TAKEN_SUBJECT, TAKEN_TEMPLATE, attributes, email, email);
    }

    /**
     * Tells whoever signed up with a free address that the username is someone else's: nothing was
     * reserved, and the signup page can be used again with another username (SPEC P2.6).
     */
    void sendUsernameTaken(String username, String email) {
        Map<String, Object> attributes = MailQueue.attributes();
        attributes.put("username", username);
        attributes.put("signupUrl", signupUrl());
        send(USERNAME_TAKEN_SUBJECT, USERNAME_TAKEN_TEMPLATE, attributes, username, email);
    }

    private String forgotUsernameUrl() {
        return RealmUrls.gatehouse(session, realm, "forgot-username").build().toString();
    }

    /** Sign up again through the realm's account console client, which every realm has. */
    private String signupUrl() {
        return RealmUrls.viaAccountConsole(session, realm, "registrations");
    }

    /** Queued for after the commit, sent off the request thread ({@link MailQueue}). */
    private void send(String subject, String template, Map<String, Object> attributes, String username, String email) {
        MailQueue.afterCommit(session, realm, username, email, subject, template, attributes);
    }
}
