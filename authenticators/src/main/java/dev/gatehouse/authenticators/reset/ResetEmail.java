package dev.gatehouse.authenticators.reset;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.support.MailQueue;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code gatehouse-reset-email}: the reset-credentials flow's e-mail step, in place of Keycloak's
 * {@code reset-credential-email}, which sends inside the request and only for some identifiers
 * (SPEC P1.8, S1). Every identifier gets the same "check your e-mail" answer, with the e-mail
 * queued for after the commit ({@link MailQueue}): a linked account's hands over to the central
 * reset; an unlinked account's carries Keycloak's reset link, an action token built as Keycloak's
 * own step builds it, from the configured hostname; an unknown identifier gets nothing.
 *
 * <p>The flow goes past this step only when it comes back through that action token for the same
 * user, as in Keycloak's step after CVE-2026-18963: neither a form post nor a restarted flow
 * reaches the new-password step.
 */
final class ResetEmail implements StatelessAuthenticator {

    static final String CENTRAL_SUBJECT = "gatehouse.centralResetSubject";
    static final String CENTRAL_TEMPLATE = "gatehouse-central-reset.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (user != null
                && Objects.equals(user.getId(), authSession.getAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID))) {
            // Back through the e-mailed link: on to the new password.
            context.success();
            return;
        }
        if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
            queue(context, user);
        }
        context.forkWithSuccessMessage(new FormMessage(Messages.EMAIL_SENT));
    }

    /** A post to this step proves nothing: the same answer, and no e-mail. */
    @Override
    public void action(AuthenticationFlowContext context) {
        context.forkWithSuccessMessage(new FormMessage(Messages.EMAIL_SENT));
    }

    private static void queue(AuthenticationFlowContext context, UserModel user) {
        RealmModel realm = context.getRealm();
        String username =
                context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        CentralIdentity central = CentralIdentity.of(realm);
        if (central.isLinked(context.getSession(), realm, user)) {
            Map<String, Object> attributes = MailQueue.attributes();
            attributes.put("username", user.getUsername());
            attributes.put("centralResetUrl", central.resetUrl() == null ? "" : central.resetUrl());
            MailQueue.afterCommit(
                    context.getSession(),
                    realm,
                    user.getUsername(),
                    user.getEmail(),
                    CENTRAL_SUBJECT,
                    CENTRAL_TEMPLATE,
                    attributes);
            context.getEvent()
                    .clone()
                    .event(EventType.SEND_RESET_PASSWORD)
                    .user(user)
                    .detail(Details.USERNAME, username)
                    .detail(Details.EMAIL, user.getEmail())
                    .detail("gatehouse_reset", "central")
                    .success();
            return;
        }
        String link = resetLink(context, user);
        long minutes = TimeUnit.SECONDS.toMinutes(
                realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE));
        MailQueue.afterCommit(
                context.getSession(),
                realm,
                user.getUsername(),
                user.getEmail(),
                "password-reset.ftl",
                templates -> templates.sendPasswordReset(link, minutes));
        context.getEvent()
                .clone()
                .event(EventType.SEND_RESET_PASSWORD)
                .user(user)
                .detail(Details.USERNAME, username)
                .detail(Details.EMAIL, user.getEmail())
                .detail(
                        Details.CODE_ID,
                        context.getAuthenticationSession().getParentSession().getId())
                .success();
    }

    /** Keycloak's reset link: an action token back into this authentication session, on the configured hostname. */
    private static String resetLink(AuthenticationFlowContext context, UserModel user) {
        RealmModel realm = context.getRealm();
        int expiresAt = Time.currentTime()
                + realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ResetCredentialsActionToken token = new ResetCredentialsActionToken(
                user.getId(),
                user.getEmail(),
                expiresAt,
                AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                authSession.getClient().getClientId());
        return context.getActionTokenUrl(token.serialize(context.getSession(), realm, context.getUriInfo()))
                .toString();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
