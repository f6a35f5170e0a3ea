package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.StoreOutage;
import dev.gatehouse.federation.AccountAttributes;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.federation.SecondFactors;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-complete-link}: the last step of the first broker login. Records the central
 * subject in the store and, with {@code removeLegacyPasswordOnLink}, deletes the legacy hash. The
 * local second factor goes in every case: a linked account uses the central IdP's (SPEC P9.3).
 */
final class CompleteCentralLink extends BrokerLoginStep {

    @Override
    protected void authenticateImpl(
            AuthenticationFlowContext context,
            SerializedBrokeredIdentityContext serializedCtx,
            BrokeredIdentityContext brokerContext) {
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        boolean removePassword =
                CompleteCentralLinkConfig.of(context.getAuthenticatorConfig()).removeLegacyPassword();
        try {
            Optional<UUID> accountId = GatehouseAccounts.accountId(realm, user);
            if (accountId.isPresent()) {
                AccountRepository accounts = GatehouseAccounts.repository(context.getSession());
                if (addressIsAnotherUsername(accounts, brokerContext.getEmail(), accountId.get())) {
                    refuse(context);
                    return;
                }
                accounts.linkCentral(accountId.get(), brokerContext.getId(), removePassword);
                // The central IdP's second factor replaces the local one, like the password (SPEC P9.3).
                List<String> removed = SecondFactors.removeAll(user);
                if (!removed.isEmpty()) {
                    GatehouseAccounts.activity(context.getSession())
                            .record(
                                    accountId.get(),
                                    user.getFirstAttribute(AccountAttributes.USERNAME),
                                    SecondFactors.REMOVED_ACTIVITY,
                                    "linked");
                }
                GatehouseAccounts.evict(context.getSession(), realm, user);
            }
            context.success();
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    /**
     * A central address that is another account's username would let the linked account capture
     * that username's logins (SPEC P4.2): the first step sends such an identity to that account,
     * so only a link made some other way gets here with one.
     */
    private static boolean addressIsAnotherUsername(AccountRepository accounts, String email, UUID linking) {
        return email != null
                && accounts.findByUsername(email)
                        .filter(owner -> !owner.id().equals(linking))
                        .isPresent();
    }

    private static void refuse(AuthenticationFlowContext context) {
        context.getEvent().error("gatehouse_central_link_refused");
        Response page = context.form().setError(CentralAccount.REFUSED).createErrorPage(Response.Status.FORBIDDEN);
        context.forceChallenge(page);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
