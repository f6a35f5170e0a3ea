package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;

/** A step of the first broker login that shows no form of its own: a submitted page re-runs it. */
abstract class BrokerLoginStep extends AbstractIdpAuthenticator implements StatelessAuthenticator {

    @Override
    protected final void actionImpl(
            AuthenticationFlowContext context,
            SerializedBrokeredIdentityContext serializedCtx,
            BrokeredIdentityContext brokerContext) {
        authenticateImpl(context, serializedCtx, brokerContext);
    }
}
