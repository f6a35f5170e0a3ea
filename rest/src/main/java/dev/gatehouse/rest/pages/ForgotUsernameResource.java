package dev.gatehouse.rest.pages;

import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.rest.ThemedPages;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.support.MailQueue;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RequestLimits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/gatehouse/forgot-username}: an e-mail address in, one e-mail out listing
 * every username registered with it (SPEC P4.3). The page answers the same whether or not the
 * address has accounts; requests are limited per address and per client IP.
 *
 * <p>Each request is a Keycloak event for admins: Keycloak has no event type of its own for it, so
 * it is recorded as {@code CUSTOM_REQUIRED_ACTION} with detail {@code custom_required_action} =
 * {@code gatehouse-forgot-username}, the address and the number of usernames sent
 * ({@code gatehouse_usernames}); refusals as {@code CUSTOM_REQUIRED_ACTION_ERROR}.
 */
public final class ForgotUsernameResource {

    static final String FORM = "gatehouse-forgot-username.ftl";
    static final String SENT = "gatehouse-forgot-username-sent.ftl";
    static final String EMAIL = "gatehouse-forgot-username.ftl";
    static final String SUBJECT = "gatehouse.forgotUsernameSubject";
    static final String INVALID = "gatehouse.forgotUsernameInvalidEmail";
    static final String TOO_MANY = "gatehouse.forgotUsernameTooMany";
    static final String EVENT_ACTION = "gatehouse-forgot-username";
    static final String TROUBLESHOOTING_SECTION = "usernames";

    private static final int MAX_EMAIL_LENGTH = 320;
    private static final Logger LOG = Logger.getLogger(ForgotUsernameResource.class);

    private final KeycloakSession session;

    public ForgotUsernameResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return forms().createForm(FORM);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response request(@FormParam("email") String email) {
        RealmModel realm = session.getContext().getRealm();
        String address = email == null ? "" : email.strip();
        EventBuilder event = new EventBuilder(
                        realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, EVENT_ACTION);
        if (!looksLikeAddress(address)) {
            event.error(Errors.INVALID_EMAIL);
            return forms().setStatus(Response.Status.BAD_REQUEST)
                    .addError(field(INVALID))
                    .createForm(FORM);
        }
        if (!new RequestLimits(session, realm, RealmAttributes.FORGOT_USERNAME_LIMITS)
                .allow(Identifiers.key(address), RequestLimits.clientIp(session))) {
            // No event either: a refused request stores nothing (SPEC S3).
            LOG.debugf("Forgot-username request refused by its limits in realm %s", realm.getName());
            return forms().setStatus(Response.Status.TOO_MANY_REQUESTS)
                    .setError(TOO_MANY)
                    .createForm(FORM);
        }
        event.detail(Details.EMAIL, address);
        return StoreGuard.call(() -> {
            // One read for any address; the user id is derived, not looked up (SPEC S1: equal work).
            List<AccountRepository.Holder> holders =
                    GatehouseAccounts.repository(session).holdersOfEmail(address);
            if (!holders.isEmpty()) {
                GatehouseAccounts.userId(realm, holders.get(0).id()).ifPresent(event::user);
                send(
                        realm,
                        address,
                        holders.stream().map(AccountRepository.Holder::username).toList());
            }
            event.detail("gatehouse_usernames", String.valueOf(holders.size())).success();
            return forms().createForm(SENT);
        });
    }

    /** Queued for after the commit and sent off the request thread, so that the answer takes as long for any address. */
    private void send(RealmModel realm, String address, List<String> usernames) {
        Map<String, Object> attributes = MailQueue.attributes();
        attributes.put("usernames", usernames);
        MailQueue.afterCommit(session, realm, usernames.get(0), address, SUBJECT, EMAIL, attributes);
    }

    /** Every page of the form, its errors and its answer link to the article's section on usernames. */
    private LoginFormsProvider forms() {
        return ThemedPages.forms(session)
                .setAttribute(
                        "forgotUsernameAction",
                        session.getContext().getUri().getAbsolutePath().toString())
                .setAttribute("troubleshootingUrl", TroubleshootingResource.section(session, TROUBLESHOOTING_SECTION));
    }

    private static org.keycloak.models.utils.FormMessage field(String message) {
        return new org.keycloak.models.utils.FormMessage("email", message);
    }

    private static boolean looksLikeAddress(String address) {
        int at = address.indexOf('@');
        return at > 0
                && at < address.length() - 1
                && address.length() <= MAX_EMAIL_LENGTH
                && address.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }
}
