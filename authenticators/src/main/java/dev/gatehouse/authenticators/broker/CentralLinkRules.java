package dev.gatehouse.authenticators.broker;

import dev.gatehouse.domain.Account;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.AccountStoreUnavailableException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Gathers what {@link CentralLinkDecision} needs about a link from the store (the account's address,
 * its confirmation, the subject the store records, the ban list), for the link guard and the
 * post-broker-login check alike. Users that are not store accounts are judged on their Keycloak
 * address.
 */
final class CentralLinkRules {

    private static final Logger LOG = Logger.getLogger(CentralLinkRules.class);

    private CentralLinkRules() {}

    /**
     * @param subject the central subject of the link
     * @param centralUsername the username the link records at the central provider
     * @param centralEmail the address the central provider asserted, when it asserted one
     * @param centralVerified see {@link CentralLinkDecision#of}
     */
    static CentralLinkDecision decide(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            String subject,
            String centralUsername,
            Optional<String> centralEmail,
            Optional<Boolean> centralVerified) {
        try {
            AccountRepository accounts = GatehouseAccounts.repository(session);
            Optional<UUID> accountId = GatehouseAccounts.accountId(realm, user);
            Optional<Account> account = accountId.flatMap(accounts::findById);
            if (accountId.isPresent() && account.isEmpty()) {
                return CentralLinkDecision.REFUSE_UNCHECKED;
            }
            String email = account.map(Account::email).orElse(user.getEmail());
            boolean confirmed = account.map(Account::emailConfirmed).orElse(user.isEmailVerified());
            boolean banned = banned(accounts, email)
                    || banned(accounts, centralEmail.orElse(null))
                    || (centralUsername != null && centralUsername.contains("@") && banned(accounts, centralUsername));
            return CentralLinkDecision.of(
                    subject, account.map(Account::centralSubject), banned, email != null && confirmed, centralVerified);
        } catch (AccountStoreUnavailableException e) {
            LOG.warnf(e, "Could not check the central link of user %s", user.getId());
            return CentralLinkDecision.REFUSE_UNCHECKED;
        }
    }

    private static boolean banned(AccountRepository accounts, String email) {
        return email != null && !email.isBlank() && accounts.emailBanned(email);
    }
}
