package dev.gatehouse.rest.account;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.AccessDecision;
import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.TeamRole;
import dev.gatehouse.federation.AccountsStorageProviderFactory;
import dev.gatehouse.federation.GatehouseAccounts;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.storage.StorageId;

/**
 * The caller of an {@code /realms/{realm}/gatehouse/account/…} endpoint, authenticated with its
 * bearer access token: 401 without a valid one, 403 for users that are not active store accounts.
 *
 * @param account the caller's own store account, its team and level included
 */
record BearerCaller(AuthResult auth, Account account) {

    /** RFC 9470: the token's authentication is too old (or lacks what the resource asks for). */
    static final String INSUFFICIENT_USER_AUTHENTICATION = "insufficient_user_authentication";

    private static final AccountPolicy POLICY = new AccountPolicy();

    static BearerCaller authenticate(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        HttpHeaders headers = session.getContext().getRequestHeaders();
        AuthResult auth = AppAuthManager.extractAuthorizationHeaderToken(headers) == null
                ? null
                : new AppAuthManager.BearerTokenAuthenticator(session)
                        .setRealm(realm)
                        .authenticate();
        if (auth == null) {
            throw new ErrorResponseException(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"errorMessage\":\"A valid bearer access token is required\"}")
                    .build());
        }
        Account account = storeAccount(session, realm, auth.user())
                .orElseThrow(() -> ErrorResponse.error(
                        "Only Gatehouse accounts can use this endpoint", Response.Status.FORBIDDEN));
        AccessDecision decision = POLICY.ownKeyManagement(account);
        if (!decision.allowed()) {
            throw ErrorResponse.error(
                    "The account is " + decision.effectiveStatus().dbValue(), Response.Status.FORBIDDEN);
        }
        return new BearerCaller(auth, account);
    }

    /**
     * The caller of an API-key endpoint (SPEC S4): a token with the {@value KeyGrant#SCOPE} scope
     * and a recent {@code auth_time}, else 401 with RFC 9470's {@code insufficient_user_authentication}
     * and the {@code max_age} to ask for; a teammate level that may not manage keys, 403.
     */
    static BearerCaller authenticateForKeys(KeycloakSession session) {
        BearerCaller caller = authenticate(session);
        RealmModel realm = session.getContext().getRealm();
        KeyGrant grant = KeyGrant.of(realm);
        Optional<String> refusal = grant.refusal(
                caller.auth.token().getScope(), caller.auth.token().getAuth_time(), Time.currentTime());
        if (refusal.isPresent()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("error", INSUFFICIENT_USER_AUTHENTICATION);
            body.put("error_description", refusal.get());
            throw new ErrorResponseException(Response.status(Response.Status.UNAUTHORIZED)
                    .header(
                            HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer realm=\"" + realm.getName() + "\", error=\"" + INSUFFICIENT_USER_AUTHENTICATION
                                    + "\", error_description=\"" + refusal.get() + "\", max_age="
                                    + grant.maxAgeSeconds() + ", scope=\"" + KeyGrant.SCOPE + "\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(body.toString())
                    .build());
        }
        TeamRole role = caller.role();
        if (!POLICY.apiKeyManagement(role)) {
            throw ErrorResponse.error(
                    "A " + role.level().value() + " teammate may not manage API keys", Response.Status.FORBIDDEN);
        }
        return caller;
    }

    /** This caller, if it is the owner or an {@code admin} teammate of its account; 403 otherwise. */
    BearerCaller requireTeamManagement() {
        TeamRole role = role();
        if (!POLICY.teamManagement(role)) {
            throw ErrorResponse.error(
                    "Only the account's owner and admin teammates may do this; you are "
                            + role.level().value(),
                    Response.Status.FORBIDDEN);
        }
        return this;
    }

    UUID accountId() {
        return account.id();
    }

    TeamRole role() {
        return TeamRole.of(account);
    }

    /** Admin events of the caller's changes name the caller as their author. */
    AdminEventBuilder events(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        AdminAuth actor = new AdminAuth(realm, auth.token(), auth.user(), auth.client());
        return new AdminEventBuilder(realm, actor, session, session.getContext().getConnection());
    }

    private static Optional<Account> storeAccount(KeycloakSession session, RealmModel realm, UserModel user) {
        StorageId id = new StorageId(user.getId());
        if (id.isLocal()) {
            return Optional.empty();
        }
        ComponentModel component = realm.getComponent(id.getProviderId());
        if (component == null || !AccountsStorageProviderFactory.PROVIDER_ID.equals(component.getProviderId())) {
            return Optional.empty();
        }
        UUID accountId;
        try {
            accountId = UUID.fromString(id.getExternalId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return GatehouseAccounts.repository(session).findById(accountId);
    }
}
