package dev.gatehouse.authenticators.clientpolicy;

import dev.gatehouse.authenticators.GrantError;
import dev.gatehouse.authenticators.TroubleshootingLink;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ImplicitHybridTokenResponse;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * The account status, read from the store, as the last word before Keycloak hands out a token or
 * user info: at the code exchange, the direct grant's and the implicit flow's responses, every
 * refresh and every userinfo call. The login steps decide long before the token is issued, and a
 * ban that commits in between ends the sessions it can see but not one that is being created; this
 * read comes after the token was built, so a grant either read the status before the ban committed
 * (and its token predates the ban) or is refused. A refused grant's user session ends, in a
 * transaction of its own since the request's rolls back.
 *
 * <p>While the store cannot be read the grant goes ahead: no status can change while the store is
 * down (a ban or termination is a store write first), and refusing would log every user out
 * during an outage.
 */
final class TokenStatusGate implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(TokenStatusGate.class);
    private static final AccountPolicy POLICY = new AccountPolicy();

    private final KeycloakSession session;

    TokenStatusGate(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return TokenStatusGateFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        Optional<AccessToken> token = token(context);
        if (token.isEmpty()) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        Optional<UUID> accountId = GatehouseAccounts.accountId(realm, userId(realm, token.get()));
        if (accountId.isEmpty()) {
            return;
        }
        Optional<AccountStatus> blocked;
        try {
            blocked = GatehouseAccounts.repository(session)
                    .findById(accountId.get())
                    .map(account -> account.effectiveStatus())
                    .filter(status -> !POLICY.login(status).allowed());
        } catch (AccountStoreUnavailableException e) {
            LOG.warnf(
                    "Token issued without a fresh status read while the account store is unavailable: %s",
                    e.getCause());
            return;
        }
        if (blocked.isPresent()) {
            if (token.get().getSessionId() != null) {
                endSession(realm.getId(), token.get().getSessionId());
            }
            UserModel user =
                    GatehouseAccounts.user(session, realm, accountId.get()).orElse(null);
            throw refusal(context, realm, user, blocked.get());
        }
    }

    /** {@code invalid_grant} for a token request, {@code invalid_token} (401) for userinfo, with the reason. */
    private ClientPolicyException refusal(
            ClientPolicyContext context, RealmModel realm, UserModel user, AccountStatus status) {
        boolean banned = status == AccountStatus.BANNED;
        String link = TroubleshootingLink.to(session, realm, banned ? "account-banned" : "billing-terminated");
        String description =
                GrantError.message(session, realm, user, banned ? GrantError.BANNED : GrantError.TERMINATED, link);
        return context.getEvent() == ClientPolicyEvent.USERINFO_REQUEST
                ? new ClientPolicyException(
                        OAuthErrorException.INVALID_TOKEN, description, Response.Status.UNAUTHORIZED)
                : new ClientPolicyException(
                        OAuthErrorException.INVALID_GRANT, description, Response.Status.BAD_REQUEST);
    }

    /** Ends the online and the offline session of that id, whichever exist. */
    private void endSession(String realmId, String userSessionId) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel realm = own.realms().getRealm(realmId);
            own.getContext().setRealm(realm);
            UserSessionModel online = own.sessions().getUserSession(realm, userSessionId);
            if (online != null) {
                own.sessions().removeUserSession(realm, online);
            }
            UserSessionModel offline = own.sessions().getOfflineUserSession(realm, userSessionId);
            if (offline != null) {
                own.sessions().removeOfflineUserSession(realm, offline);
            }
        });
    }

    /**
     * The access token about to be issued, or presented to userinfo (verified by then); empty for
     * events that concern no user's token. Only context classes that Keycloak 26.5 has too.
     */
    private static Optional<AccessToken> token(ClientPolicyContext context) {
        return Optional.ofNullable(
                switch (context.getEvent()) {
                    case TOKEN_RESPONSE ->
                        ((TokenResponseContext) context)
                                .getAccessTokenResponseBuilder()
                                .getAccessToken();
                    case TOKEN_REFRESH_RESPONSE ->
                        ((TokenRefreshResponseContext) context)
                                .getAccessTokenResponseBuilder()
                                .getAccessToken();
                    case RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE ->
                        ((ResourceOwnerPasswordCredentialsResponseContext) context)
                                .getAccessTokenResponseBuilder()
                                .getAccessToken();
                    case IMPLICIT_HYBRID_TOKEN_RESPONSE ->
                        ((ImplicitHybridTokenResponse) context)
                                .getAccessTokenResponseBuilder()
                                .getAccessToken();
                    case USERINFO_REQUEST ->
                        presented(((UserInfoRequestContext) context)
                                .getTokenForUserInfo()
                                .getToken());
                    default -> null;
                });
    }

    private static AccessToken presented(String encoded) {
        try {
            return new JWSInput(encoded).readJsonContent(AccessToken.class);
        } catch (JWSInputException e) {
            return null;
        }
    }

    /** The token's user: its subject, else its session's user (a client may leave {@code sub} out). */
    private String userId(RealmModel realm, AccessToken token) {
        if (token.getSubject() != null) {
            return token.getSubject();
        }
        if (token.getSessionId() == null) {
            return null;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, token.getSessionId());
        if (userSession == null) {
            userSession = session.sessions().getOfflineUserSession(realm, token.getSessionId());
        }
        return userSession == null ? null : userSession.getUser().getId();
    }
}
