package dev.gatehouse.rest;

import dev.gatehouse.storage.AccountsStorageProviderFactory;
import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.store.AccessDecision;
import dev.gatehouse.store.Account;
import dev.gatehouse.store.AccountPolicy;
import dev.gatehouse.store.ApiKeyFormat;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
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
 * {@code /realms/{realm}/gatehouse/account/api-keys}: an account's own keys, authenticated with
 * the owner's access token. Any key id that is not one of the caller's answers 403, whether it
 * belongs to another account or to none, so the endpoint reveals nothing about other keys.
 */
public final class OwnApiKeysResource {

    private static final AccountPolicy POLICY = new AccountPolicy();

    private final KeycloakSession session;
    private final ApiKeyFormat format;

    OwnApiKeysResource(KeycloakSession session, ApiKeyFormat format) {
        this.session = session;
        this.format = format;
    }

    @GET
    @Path("api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return StoreGuard.call(() -> {
            Owner owner = authenticate();
            return management(owner).list(owner.accountId());
        });
    }

    @POST
    @Path("api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return StoreGuard.call(() -> {
            Owner owner = authenticate();
            return management(owner).create(owner.accountId(), body);
        });
    }

    @DELETE
    @Path("api-keys/{keyId}")
    public Response revoke(@PathParam("keyId") String keyId) {
        return StoreGuard.call(() -> {
            Owner owner = authenticate();
            if (!management(owner).revoke(owner.accountId(), keyId)) {
                throw ErrorResponse.error("Not one of your API keys", Response.Status.FORBIDDEN);
            }
            return Response.noContent().build();
        });
    }

    private record Owner(AuthResult auth, UUID accountId) {}

    private Owner authenticate() {
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
        Account account = storeAccount(realm, auth.user())
                .orElseThrow(
                        () -> ErrorResponse.error("Only Gatehouse accounts have API keys", Response.Status.FORBIDDEN));
        AccessDecision decision = POLICY.ownKeyManagement(account);
        if (!decision.allowed()) {
            throw ErrorResponse.error(
                    "API keys cannot be managed while the account is "
                            + decision.effectiveStatus().dbValue(),
                    Response.Status.FORBIDDEN);
        }
        return new Owner(auth, account.id());
    }

    private Optional<Account> storeAccount(RealmModel realm, UserModel user) {
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

    private ApiKeyManagement management(Owner owner) {
        RealmModel realm = session.getContext().getRealm();
        AdminAuth actor = new AdminAuth(
                realm, owner.auth().token(), owner.auth().user(), owner.auth().client());
        AdminEventBuilder events = new AdminEventBuilder(
                realm, actor, session, session.getContext().getConnection());
        return new ApiKeyManagement(session, format, events, "owner");
    }
}
