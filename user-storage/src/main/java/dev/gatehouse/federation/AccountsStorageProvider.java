package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.AccountSearch;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.PasswordHasher;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryProvider;
import org.keycloak.storage.user.UserRegistrationProvider;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileDecorator;
import org.keycloak.userprofile.UserProfileMetadata;

/**
 * The account store as a user federation provider: lookups, admin search, and the legacy bcrypt
 * passwords. One instance serves one Keycloak session, so the accounts it has read are kept for
 * the rest of the request and a login reads the store once.
 */
public final class AccountsStorageProvider
        implements UserStorageProvider,
                UserLookupProvider,
                UserQueryProvider,
                CredentialInputValidator,
                CredentialInputUpdater,
                UserRegistrationProvider,
                UserProfileDecorator {

    private static final int DEFAULT_PAGE_SIZE = 100;

    /** The activity entry of a password change (SPEC P8.1). */
    static final String PASSWORD_CHANGED = "password_changed";

    private static final String ADMIN_ACTOR = "admin";

    /** The Admin API's answer to a reactivation of a banned account, the same on this path (SPEC P7.2). */
    private static final String BANNED_MESSAGE = "Banned accounts cannot be reactivated";

    private final KeycloakSession session;
    private final ComponentModel model;
    private final PasswordHasher hasher;
    private final AccountRepository accounts;
    private final LoadedAccounts loaded;

    AccountsStorageProvider(KeycloakSession session, ComponentModel model, PasswordHasher hasher) {
        this.session = session;
        this.model = model;
        this.hasher = hasher;
        this.accounts = GatehouseAccounts.repository(session);
        this.loaded = LoadedAccounts.of(session);
    }

    /** Store accounts are not asked for profile attributes the store does not hold. */
    @Override
    public List<AttributeMetadata> decorateUserProfile(String componentId, UserProfileMetadata metadata) {
        return StoreProfileDecorator.decorate(componentId, metadata);
    }

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        return parseId(StorageId.externalId(id))
                .flatMap(this::account)
                .map(account -> adapt(realm, account))
                .orElse(null);
    }

    /**
     * Store accounts are created by signup and the central login, never through Keycloak: a user the
     * admin console or an import adds is Keycloak's own, as without this provider.
     */
    @Override
    public UserModel addUser(RealmModel realm, String username) {
        return null;
    }

    /**
     * A store account is never deleted through Keycloak (the admin console, a partial import's
     * overwrite): the store is the system of record, and a banned account must not come back as a
     * fresh user of its name (SPEC P7.2). Without this, Keycloak answered 500 ("Could not resolve
     * UserRegistrationProvider").
     */
    @Override
    public boolean removeUser(RealmModel realm, UserModel user) {
        boolean banned = storeAccount(user)
                .map(account -> account.effectiveStatus() == AccountStatus.BANNED)
                .orElse(false);
        throw banned
                ? ErrorResponse.error(BANNED_MESSAGE, Response.Status.CONFLICT)
                : ErrorResponse.error(
                        "Gatehouse accounts are managed in the account store", Response.Status.BAD_REQUEST);
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        return accounts.findByUsername(username)
                .map(account -> adapt(realm, account))
                .orElse(null);
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        return accounts.findByUniqueEmail(email)
                .map(account -> adapt(realm, account))
                .orElse(null);
    }

    @Override
    public Stream<UserModel> searchForUserStream(
            RealmModel realm, Map<String, String> params, Integer firstResult, Integer maxResults) {
        int first = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int max = maxResults == null || maxResults < 0 ? DEFAULT_PAGE_SIZE : maxResults;
        return AccountSearch.from(params).stream()
                .flatMap(search -> accounts.search(search, first, max).stream())
                .map(account -> adapt(realm, account));
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params) {
        return AccountSearch.from(params).map(accounts::count).orElse(0);
    }

    @Override
    @SuppressWarnings("deprecation")
    public int getUsersCount(RealmModel realm, String search) {
        return getUsersCount(realm, Map.of(UserModel.SEARCH, search));
    }

    @Override
    public int getUsersCount(RealmModel realm, boolean includeServiceAccount) {
        return accounts.count(AccountSearch.all());
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(
            RealmModel realm, GroupModel group, Integer firstResult, Integer maxResults) {
        // Group membership of store accounts lives in Keycloak's federated storage, which Keycloak
        // queries itself.
        return Stream.empty();
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String attrName, String attrValue) {
        return Stream.empty();
    }

    /**
     * Only the legacy password lives in the store. Every other type (TOTP, security keys, passkeys,
     * recovery codes) is left unclaimed on purpose: Keycloak then keeps it in its own federated
     * credential store, where its OTP and WebAuthn steps and required actions read and write it, and
     * {@code isConfiguredFor}/{@code isValid} here answer false for it so that Keycloak asks its own
     * credential providers (SPEC P9.1).
     */
    @Override
    public boolean supportsCredentialType(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    /**
     * Keycloak asks this while it lays out a flow, outside any authenticator that could answer an
     * outage. With the store down, say "configured": the password check then runs, fails closed,
     * and its step answers 503.
     */
    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        if (!supportsCredentialType(credentialType)) {
            return false;
        }
        try {
            return storeAccount(user).map(Account::hasPassword).orElse(false);
        } catch (AccountStoreUnavailableException e) {
            return true;
        }
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType())) {
            return false;
        }
        return storeAccount(user)
                .map(account -> hasher.verify(input.getChallengeResponse(), account.passwordHash()))
                .orElse(false);
    }

    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType())) {
            return false;
        }
        Optional<Account> account = storeAccount(user);
        account.ifPresent(a -> {
            accounts.updatePasswordHash(a.id(), hasher.hash(input.getChallengeResponse()));
            loaded.forget(a.id());
            GatehouseAccounts.activity(session).record(a.id(), passwordActor(a), PASSWORD_CHANGED, null);
            ResetKeyRevocation.applyIfAsked(session, a, passwordActor(a));
        });
        return account.isPresent();
    }

    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        // Legacy passwords are removed by the policies that own them (linking), never from here.
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return Stream.empty();
    }

    @Override
    public void preRemove(RealmModel realm) {}

    @Override
    public void close() {}

    /**
     * Who changed the password, for the account's activity: the user in a login flow (reset
     * credentials, update password), the admin otherwise (the Admin API's reset-password).
     */
    private String passwordActor(Account account) {
        return session.getContext().getAuthenticationSession() != null ? account.username() : ADMIN_ACTOR;
    }

    private UserModel adapt(RealmModel realm, Account account) {
        loaded.put(account);
        return new AccountUserAdapter(session, realm, model, account);
    }

    private Optional<Account> storeAccount(UserModel user) {
        return parseId(StorageId.externalId(user.getId())).flatMap(this::account);
    }

    private Optional<Account> account(UUID id) {
        Optional<Account> known = loaded.get(id);
        if (known.isPresent()) {
            return known;
        }
        Optional<Account> found = accounts.findById(id);
        found.ifPresent(loaded::put);
        return found;
    }

    private static Optional<UUID> parseId(String externalId) {
        try {
            return Optional.of(UUID.fromString(externalId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
