package dev.gatehouse.authenticators;

import dev.gatehouse.storage.AccountAttributes;
import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.storage.SecondFactors;
import dev.gatehouse.store.AccountStoreUnavailableException;
import java.util.List;
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
            GatehouseAccounts.accountId(realm, user).ifPresent(id -> {
                GatehouseAccounts.repository(context.getSession())
                        .linkCentral(id, brokerContext.getId(), removePassword);
                List<String> removed = SecondFactors.removeAll(user);
                if (!removed.isEmpty()) {
                    GatehouseAccounts.activity(context.getSession())
                            .record(
                                    id,
                                    user.getFirstAttribute(AccountAttributes.USERNAME),
                                    SecondFactors.REMOVED_ACTIVITY,
                                    "linked");
                }
                GatehouseAccounts.evict(context.getSession(), realm, user);
            });
            context.success();
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
