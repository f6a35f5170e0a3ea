package dev.gatehouse.authenticators.gate;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.AccountRepository.IdentifierRows;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.keycloak.storage.UserStorageUtil;

/**
 * The identifier step's answer: whether an identifier names an account or a pending signup, found
 * the way {@link Identified#find} finds them (SPEC P4.2), and whether it signs in centrally (SPEC
 * P1.2). Every identifier costs the same reads, whether it names something or not (SPEC S1): the
 * store's one statement ({@code identifierRows}), Keycloak's local-user lookups that the
 * identifier's shape calls for, and one federated-identity read — the named account's, or nobody's.
 * Keycloak's user cache is left alone: loading an account into it costs several reads an unknown
 * identifier would not make, so the password step loads what this step found.
 */
public record Identification(String userId, UUID signupId, boolean linked) {

    static final Identification NOBODY = new Identification(null, null, false);

    public boolean found() {
        return userId != null || signupId != null;
    }

    public static Identification of(KeycloakSession session, RealmModel realm, String typed) {
        String identifier = typed == null ? "" : typed.strip();
        // No account can have an invalid one, and the databases refuse some of it (NUL).
        if (!Identifiers.isValidUsername(identifier)) {
            return NOBODY;
        }
        // Keycloak's order (KeycloakModelUtils#findUserByNameOrEmail): an address first, when the
        // realm allows logging in with one, then the username; its own users before the store's.
        boolean address = realm.isLoginWithEmailAllowed() && identifier.indexOf('@') >= 0;
        UserProvider localUsers = UserStoragePrivateUtil.userLocalStorage(session);
        LocalMatch byAddress = address ? LocalMatch.byAddress(localUsers, realm, identifier) : LocalMatch.NONE;
        UserModel byUsername = localUsers.getUserByUsername(realm, identifier);
        IdentifierRows rows = GatehouseAccounts.repository(session).identifierRows(identifier);
        String alias = CentralIdentity.of(realm).alias();

        if (byAddress.shared()) {
            // An address several of Keycloak's own users share names none of them (SPEC P4.2).
            return equalLinkRead(session, realm, identifier, alias, NOBODY);
        }
        if (byAddress.user() != null) {
            return local(localUsers, realm, byAddress.user(), alias);
        }
        Optional<IdentifierRows.Row> storeByAddress = address ? uniqueOwner(rows) : Optional.empty();
        if (storeByAddress.isEmpty() && byUsername != null) {
            return local(localUsers, realm, byUsername, alias);
        }
        Optional<IdentifierRows.Row> account = storeByAddress.or(rows::byUsername);
        Optional<String> accountUserId = account.flatMap(row -> GatehouseAccounts.userId(realm, row.id()));
        if (accountUserId.isEmpty()) {
            // A shared store address leaves no signup either: identifierRows drops it.
            Identification signup =
                    rows.signup().map(id -> new Identification(null, id, false)).orElse(NOBODY);
            return equalLinkRead(session, realm, identifier, alias, signup);
        }
        boolean keycloakLink =
                UserStorageUtil.userFederatedStorage(session).getFederatedIdentity(accountUserId.get(), alias, realm)
                        != null;
        return new Identification(
                accountUserId.get(), null, keycloakLink || account.get().centrallyLinked());
    }

    private static Identification local(UserProvider localUsers, RealmModel realm, UserModel user, String alias) {
        return new Identification(user.getId(), null, localUsers.getFederatedIdentity(realm, user, alias) != null);
    }

    /**
     * The federated-identity read an account's identification makes, made for an identifier that
     * names no account, against a user id no account has: the same read, whatever was found.
     */
    private static Identification equalLinkRead(
            KeycloakSession session, RealmModel realm, String identifier, String alias, Identification result) {
        UserStorageUtil.userFederatedStorage(session).getFederatedIdentity(nobody(realm, identifier), alias, realm);
        return result;
    }

    /** For the password step, which loads the account or signup by these notes. */
    public void remember(AuthenticationSessionModel authSession) {
        Identified.remember(authSession, userId, signupId);
    }

    private static Optional<IdentifierRows.Row> uniqueOwner(IdentifierRows rows) {
        return rows.byAddress().size() == 1 ? Optional.of(rows.byAddress().get(0)) : Optional.empty();
    }

    /** A federated user id of no account: the same kind of key as an account's, for the same read. */
    private static String nobody(RealmModel realm, String identifier) {
        String provider = GatehouseAccounts.component(realm).map(c -> c.getId()).orElse(realm.getId());
        UUID none = UUID.nameUUIDFromBytes(Identifiers.key(identifier).getBytes(StandardCharsets.UTF_8));
        return new StorageId(provider, "nobody-" + none).getId();
    }

    /** Keycloak's own user of an address: one, none, or several (a realm allowing shared addresses). */
    private record LocalMatch(UserModel user, boolean shared) {

        static final LocalMatch NONE = new LocalMatch(null, false);

        static LocalMatch byAddress(UserProvider localUsers, RealmModel realm, String address) {
            try {
                return new LocalMatch(localUsers.getUserByEmail(realm, address), false);
            } catch (ModelDuplicateException sharedAddress) {
                return new LocalMatch(null, true);
            }
        }
    }
}
