package dev.gatehouse.authenticators;

import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.store.AccountPolicy;
import dev.gatehouse.store.AccountStatus;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientPolicyClientSessionContext;
import org.keycloak.services.clientpolicy.context.ImplicitHybridTokenResponse;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
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
        Optional<UserSessionModel> userSession = userSession(context);
        if (userSession.isEmpty()) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        UserModel user = userSession.get().getUser();
        Optional<UUID> accountId = GatehouseAccounts.accountId(realm, user);
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
            endSession(
                    realm.getId(), userSession.get().getId(), userSession.get().isOffline());
            throw refusal(context, realm, user, blocked.get());
        }
    }

    /** {@code invalid_grant} for a token request, {@code invalid_token} (401) for userinfo, with the reason. */
    private ClientPolicyException refusal(
            ClientPolicyContext context, RealmModel realm, UserModel user, AccountStatus status) {
        boolean banned = status == AccountStatus.BANNED;
        String link = TroubleshootingLink.to(session, realm, banned ? "account-banned" : "billing-terminated");
        String description = DirectGrantAccountStatus.message(
                session,
                realm,
                user,
                banned ? DirectGrantAccountStatus.BANNED : DirectGrantAccountStatus.TERMINATED,
                link);
        return context.getEvent() == ClientPolicyEvent.USERINFO_REQUEST
                ? new ClientPolicyException(
                        OAuthErrorException.INVALID_TOKEN, description, Response.Status.UNAUTHORIZED)
                : new ClientPolicyException(
                        OAuthErrorException.INVALID_GRANT, description, Response.Status.BAD_REQUEST);
    }

    private void endSession(String realmId, String userSessionId, boolean offline) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel realm = own.realms().getRealm(realmId);
            own.getContext().setRealm(realm);
            UserSessionModel stale = offline
                    ? own.sessions().getOfflineUserSession(realm, userSessionId)
                    : own.sessions().getUserSession(realm, userSessionId);
            if (stale == null) {
                return;
            }
            if (offline) {
                own.sessions().removeOfflineUserSession(realm, stale);
            } else {
                own.sessions().removeUserSession(realm, stale);
            }
        });
    }

    /** The user session a token is about to be issued or used for; empty for events that issue none. */
    private static Optional<UserSessionModel> userSession(ClientPolicyContext context) {
        AuthenticatedClientSessionModel clientSession = switch (context.getEvent()) {
            case TOKEN_RESPONSE, TOKEN_REFRESH_RESPONSE, USERINFO_REQUEST ->
                ((ClientPolicyClientSessionContext) context).getClientSession();
            case RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE ->
                clientSession(((ResourceOwnerPasswordCredentialsResponseContext) context).getClientSessionContext());
            case IMPLICIT_HYBRID_TOKEN_RESPONSE ->
                clientSession(((ImplicitHybridTokenResponse) context).getClientSessionContext());
            default -> null;
        };
        return Optional.ofNullable(clientSession).map(AuthenticatedClientSessionModel::getUserSession);
    }

    private static AuthenticatedClientSessionModel clientSession(ClientSessionContext context) {
        return context == null ? null : context.getClientSession();
    }
}
