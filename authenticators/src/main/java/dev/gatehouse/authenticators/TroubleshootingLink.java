package dev.gatehouse.authenticators;

import org.keycloak.authentication.AuthenticationFlowContext;

/** Where a login page sends the user to read about its error: a section of the troubleshooting page. */
final class TroubleshootingLink {

    static final String ATTRIBUTE = "troubleshootingUrl";

    private TroubleshootingLink() {}

    /** {@code …/realms/{realm}/gatehouse/troubleshooting?reason=<anchor>#<anchor>} */
    static String to(AuthenticationFlowContext context, String anchor) {
        return context.getUriInfo()
                        .getBaseUriBuilder()
                        .path("realms")
                        .path(context.getRealm().getName())
                        .path("gatehouse/troubleshooting")
                        .queryParam("reason", anchor)
                        .build()
                + "#" + anchor;
    }
}
