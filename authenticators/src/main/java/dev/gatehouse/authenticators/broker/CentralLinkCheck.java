package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.authenticators.StatelessAuthenticator;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-central-link-check}: the central provider's post-broker-login step, run on every
 * login through a link, however the link was made (first broker login, account console, Admin API,
 * a realm import). A link the store does not record must pass the rules of the first broker login
 * ({@link CentralLinkDecision}); one that does not is removed and the login refused.
 */
final class CentralLinkCheck implements StatelessAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                context.getAuthenticationSession(), PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        if (serialized == null || user == null) {
            // Not a post-broker login: nothing to check here.
            context.success();
            return;
        }
        BrokeredIdentityContext broker =
                serialized.deserialize(context.getSession(), context.getAuthenticationSession());
        String alias = broker.getIdpConfig().getAlias();
        if (!alias.equals(CentralIdentity.of(realm).alias())) {
            context.success();
            return;
        }
        boolean verified = Boolean.parseBoolean(broker.getUserAttribute(CentralAccount.CENTRAL_EMAIL_VERIFIED));
        CentralLinkDecision decision = CentralLinkRules.decide(
                context.getSession(),
                realm,
                user,
                broker.getId(),
                broker.getUsername(),
                Optional.ofNullable(broker.getEmail()),
                Optional.of(verified));
        if (!decision.refused()) {
            context.success();
            return;
        }
        context.getSession().users().removeFederatedIdentity(realm, user, alias);
        context.getEvent()
                .detail(Details.IDENTITY_PROVIDER, alias)
                .detail(CentralLinkGuard.DETAIL_REASON, decision.name())
                .error(CentralLinkGuard.ERROR);
        Response page = context.form().setError(CentralAccount.REFUSED).createErrorPage(Response.Status.FORBIDDEN);
        context.forceChallenge(page);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
