package dev.gatehouse.authenticators;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.authentication.AuthenticationFlowContext;

/** Where a login page sends the user to read about its error: a section of the troubleshooting page. */
final class TroubleshootingLink {

    static final String ATTRIBUTE = "troubleshootingUrl";

    private TroubleshootingLink() {}

    /** {@code …/realms/{realm}/gatehouse/troubleshooting?reason=<anchor>#<anchor>} */
    static String to(AuthenticationFlowContext context, String anchor) {
        return page(context)
                .queryParam("reason", anchor)
                .fragment(anchor)
                .build()
                .toString();
    }

    /** The page itself, for an error that no reason of the article explains (the store being down). */
    static String toPage(AuthenticationFlowContext context) {
        return page(context).build().toString();
    }

    private static UriBuilder page(AuthenticationFlowContext context) {
        return context.getUriInfo()
                .getBaseUriBuilder()
                .path("realms")
                .path(context.getRealm().getName())
                .path("gatehouse/troubleshooting");
    }
}
