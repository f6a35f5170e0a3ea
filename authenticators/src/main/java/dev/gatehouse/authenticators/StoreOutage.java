package dev.gatehouse.authenticators;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * What a login gets while the account store is down: a 503 that says so, never a login and never
 * a stack trace. Nothing about the account is revealed; the attempt is not counted by brute-force
 * detection, since the user did nothing wrong.
 */
public final class StoreOutage {

    static final String MESSAGE = "gatehouse.storeUnavailable";
    static final String TEMPLATE = "gatehouse-unavailable.ftl";
    static final String EVENT_ERROR = "gatehouse_store_unavailable";

    private static final Logger LOG = Logger.getLogger(StoreOutage.class);

    private StoreOutage() {}

    public static void browserChallenge(AuthenticationFlowContext context, RuntimeException cause) {
        record(context, cause);
        Response page = context.form()
                .setStatus(Response.Status.SERVICE_UNAVAILABLE)
                .setError(MESSAGE)
                .setAttribute(TroubleshootingLink.ATTRIBUTE, TroubleshootingLink.toPage(context))
                .createForm(TEMPLATE);
        context.forceChallenge(page);
    }

    public static void directGrantChallenge(AuthenticationFlowContext context, RuntimeException cause) {
        record(context, cause);
        context.forceChallenge(GrantError.of(
                context,
                Response.Status.SERVICE_UNAVAILABLE,
                OAuthErrorException.TEMPORARILY_UNAVAILABLE,
                null,
                MESSAGE));
    }

    private static void record(AuthenticationFlowContext context, RuntimeException cause) {
        LOG.warnf("Login refused while the account store is unavailable: %s", cause.getCause());
        context.getEvent().error(EVENT_ERROR);
    }
}
