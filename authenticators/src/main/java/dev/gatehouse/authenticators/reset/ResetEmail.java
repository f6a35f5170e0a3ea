package dev.gatehouse.authenticators.reset;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.support.DeferredSignature;
import dev.gatehouse.support.MailQueue;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.resources.LoginActionsService;
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
        String chosen = authSession.getAuthNote(ResetChooseUser.CHOSEN_USER);
        String userId = chosen != null ? chosen : user == null ? null : user.getId();
        if (userId != null) {
            queue(context, userId);
        }
        context.forkWithSuccessMessage(new FormMessage(Messages.EMAIL_SENT));
    }

    /** A post to this step proves nothing: the same answer, and no e-mail. */
    @Override
    public void action(AuthenticationFlowContext context) {
        context.forkWithSuccessMessage(new FormMessage(Messages.EMAIL_SENT));
    }

    /**
     * Records the request and queues its e-mail; which e-mail (the central hand-off or the reset
     * link) and the link's signature are worked out when it is sent, so that this request does no
     * more for an account than for an unknown identifier (SPEC S1).
     */
    private static void queue(AuthenticationFlowContext context, String userId) {
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String username = authSession.getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        ResetLink link = ResetLink.of(context, userId);
        MailQueue.afterCommitToUser(
                context.getSession(),
                realm,
                userId,
                "password-reset",
                (session, sendingRealm, user, templates) -> send(session, sendingRealm, user, templates, link));
        context.getEvent()
                .clone()
                .event(EventType.SEND_RESET_PASSWORD)
                .user(userId)
                .detail(Details.USERNAME, username)
                .detail(Details.CODE_ID, authSession.getParentSession().getId())
                .success();
    }

    private static void send(
            KeycloakSession session, RealmModel realm, UserModel user, EmailTemplateProvider templates, ResetLink link)
            throws EmailException {
        CentralIdentity central = CentralIdentity.of(realm);
        if (central.isLinked(session, realm, user)) {
            Map<String, Object> attributes = MailQueue.attributes();
            attributes.put("username", user.getUsername());
            attributes.put("centralResetUrl", central.resetUrl() == null ? "" : central.resetUrl());
            templates.send(CENTRAL_SUBJECT, List.of(), CENTRAL_TEMPLATE, attributes);
            return;
        }
        long minutes = TimeUnit.SECONDS.toMinutes(
                realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE));
        templates.sendPasswordReset(link.signed(session, user.getEmail()), minutes);
    }

    /**
     * Keycloak's reset link, an action token back into this authentication session, as Keycloak's
     * own step builds it ({@code AuthenticationProcessor.Result#getActionTokenUrl},
     * {@code DefaultActionToken#serialize}), on the configured hostname: its URL and claims are
     * taken in the request, the token is signed when the e-mail is sent.
     */
    private record ResetLink(
            String url,
            DeferredSignature signature,
            String userId,
            int expiresAt,
            String authSessionId,
            String clientId) {

        static ResetLink of(AuthenticationFlowContext context, String userId) {
            RealmModel realm = context.getRealm();
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            String url = LoginActionsService.actionTokenProcessor(context.getUriInfo())
                    .queryParam(Constants.EXECUTION, context.getExecution().getId())
                    .queryParam(Constants.CLIENT_ID, authSession.getClient().getClientId())
                    .queryParam(Constants.TAB_ID, authSession.getTabId())
                    .queryParam(
                            Constants.CLIENT_DATA,
                            AuthenticationProcessor.getClientData(context.getSession(), authSession))
                    .build(realm.getName())
                    .toString();
            return new ResetLink(
                    url,
                    DeferredSignature.of(context.getSession(), realm),
                    userId,
                    Time.currentTime()
                            + realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE),
                    AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                    authSession.getClient().getClientId());
        }

        String signed(KeycloakSession session, String email) {
            String key = signature.sign(
                    session, new ResetCredentialsActionToken(userId, email, expiresAt, authSessionId, clientId));
            return UriBuilder.fromUri(url)
                    .queryParam(Constants.KEY, key)
                    .build()
                    .toString();
        }
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
