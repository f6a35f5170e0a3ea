package dev.gatehouse.authenticators.gate;

import dev.gatehouse.authenticators.TroubleshootingLink;
import dev.gatehouse.authenticators.signup.ConfirmationMail;
import dev.gatehouse.authenticators.signup.SignupSettings;
import dev.gatehouse.domain.PendingSignup;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.support.ConfirmationToken;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RequestLimits;
import dev.gatehouse.support.WindowedLimit;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "You haven't confirmed your email address" (SPEC P2.3): what the password step shows once the
 * password of a pending signup, or of an account whose address is unconfirmed, was proven; with a
 * "resend" form that posts back to the password step, limited per signup or account and per client IP.
 */
public final class UnconfirmedPage {

    static final String TEMPLATE = "gatehouse-unconfirmed.ftl";
    public static final String EVENT_ERROR = "gatehouse_email_not_confirmed";
    /** The hidden field of the resend form. */
    public static final String RESEND = "gatehouse-resend";

    static final String RESENT = "gatehouse.resendSent";
    static final String TOO_MANY = "gatehouse.resendTooMany";

    /** Auth note: {@code <kind>:<id>} of what this session proved the password of. */
    private static final String PROVEN = "GATEHOUSE_UNCONFIRMED";

    private UnconfirmedPage() {}

    public static void forSignup(AuthenticationFlowContext context, PendingSignup signup) {
        prove(context, ConfirmationToken.Kind.SIGNUP, signup.id());
        context.getEvent().detail(Details.EMAIL, signup.email()).error(EVENT_ERROR);
        context.forceChallenge(page(context, signup.email(), null, Response.Status.FORBIDDEN));
    }

    public static void forAccount(AuthenticationFlowContext context, UserModel user) {
        prove(
                context,
                ConfirmationToken.Kind.ACCOUNT,
                GatehouseAccounts.accountId(context.getRealm(), user).orElseThrow());
        context.getEvent().user(user).detail(Details.EMAIL, user.getEmail()).error(EVENT_ERROR);
        context.forceChallenge(page(context, user.getEmail(), null, Response.Status.FORBIDDEN));
    }

    /** Forgets a proof: a new password attempt starts over. */
    public static void forget(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(PROVEN);
    }

    /**
     * A resend, if this session proved a password: the link goes out unless the limit is reached,
     * and the page says which.
     *
     * @return false when nothing was proven, so the submission is an ordinary password attempt
     */
    /**
     * The resend limits (SPEC S3): per signup or account, and per client IP whatever the signup, in
     * the same window; a refused resend counts against neither.
     */
    private static boolean allowed(AuthenticationFlowContext context, String proven) {
        RealmModel realm = context.getRealm();
        SignupSettings settings = SignupSettings.of(realm);
        String prefix = "gatehouse-resend:" + realm.getId() + ":";
        WindowedLimit perTarget =
                new WindowedLimit(context.getSession(), settings.resendLimit(), settings.resendWindowSeconds());
        WindowedLimit perIp = new WindowedLimit(
                context.getSession(),
                WindowedLimit.positiveAttribute(
                        realm,
                        RealmAttributes.CONFIRMATION_RESEND_IP_LIMIT,
                        RealmAttributes.DEFAULT_CONFIRMATION_RESEND_IP_LIMIT),
                settings.resendWindowSeconds());
        return WindowedLimit.takeAll(
                new WindowedLimit.Use(perIp, prefix + "ip:" + RequestLimits.clientIp(context.getSession())),
                new WindowedLimit.Use(perTarget, prefix + proven));
    }

    public static boolean resend(AuthenticationFlowContext context) {
        String proven = context.getAuthenticationSession().getAuthNote(PROVEN);
        if (proven == null) {
            return false;
        }
        ConfirmationToken.Kind kind = ConfirmationToken.Kind.valueOf(proven.substring(0, proven.indexOf(':')));
        UUID id = UUID.fromString(proven.substring(proven.indexOf(':') + 1));
        Optional<Recipient> recipient = recipient(context, kind, id);
        if (recipient.isEmpty()) {
            // Confirmed in the meantime, or expired: the password step starts over.
            forget(context);
            return false;
        }
        if (!allowed(context, proven)) {
            context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL).error("gatehouse_rate_limited");
            context.forceChallenge(page(context, recipient.get().email(), TOO_MANY, Response.Status.TOO_MANY_REQUESTS));
            return true;
        }
        ConfirmationMail mail = new ConfirmationMail(context.getSession(), context.getRealm());
        int expiry = mail.linkExpiry();
        if (kind == ConfirmationToken.Kind.SIGNUP) {
            GatehouseAccounts.pendingSignups(context.getSession()).extend(id, Instant.ofEpochSecond(expiry));
        }
        mail.sendLink(kind, id, recipient.get().username(), recipient.get().email(), expiry);
        context.getEvent()
                .clone()
                .event(EventType.SEND_VERIFY_EMAIL)
                .detail(Details.EMAIL, recipient.get().email())
                .success();
        context.forceChallenge(page(context, recipient.get().email(), RESENT, Response.Status.OK));
        return true;
    }

    private record Recipient(String username, String email) {}

    private static Optional<Recipient> recipient(
            AuthenticationFlowContext context, ConfirmationToken.Kind kind, UUID id) {
        if (kind == ConfirmationToken.Kind.SIGNUP) {
            return GatehouseAccounts.pendingSignups(context.getSession())
                    .findLive(id)
                    .map(signup -> new Recipient(signup.username(), signup.email()));
        }
        return GatehouseAccounts.repository(context.getSession())
                .findById(id)
                .filter(account -> !account.emailConfirmed() && account.email() != null)
                .map(account -> new Recipient(account.username(), account.email()));
    }

    private static void prove(AuthenticationFlowContext context, ConfirmationToken.Kind kind, UUID id) {
        context.getAuthenticationSession().setAuthNote(PROVEN, kind.name() + ":" + id);
    }

    private static Response page(
            AuthenticationFlowContext context, String email, String message, Response.Status status) {
        var form = context.form()
                .setStatus(status)
                .setAttribute("unconfirmedEmail", email)
                .setAttribute(TroubleshootingLink.ATTRIBUTE, TroubleshootingLink.to(context, "email-not-confirmed"));
        if (message != null) {
            form.setAttribute("resendMessage", message);
        }
        return form.createForm(TEMPLATE);
    }
}
