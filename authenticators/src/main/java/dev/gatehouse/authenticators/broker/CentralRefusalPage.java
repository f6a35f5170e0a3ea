package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.TroubleshootingLink;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The page a refused central sign-in or link gets (403): the reason's message and, as every error
 * page, a link to the troubleshooting page (SPEC P3.3) — its "e-mail not confirmed" section when
 * the address is not confirmed on both sides, the page itself otherwise (a banned address or an
 * account linked to another identity is not explained before the user contacts support).
 */
final class CentralRefusalPage {

    static final String TEMPLATE = "gatehouse-central-refused.ftl";

    private CentralRefusalPage() {}

    static void challenge(AuthenticationFlowContext context, String message) {
        String link = CentralAccount.REFUSED_UNVERIFIED.equals(message)
                ? TroubleshootingLink.to(context, "email-not-confirmed")
                : TroubleshootingLink.toPage(context);
        Response page = context.form()
                .setStatus(Response.Status.FORBIDDEN)
                .setError(message)
                .setAttribute(TroubleshootingLink.ATTRIBUTE, link)
                .createForm(TEMPLATE);
        context.forceChallenge(page);
    }
}
