package dev.gatehouse.authenticators;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Where a login page sends the user to read about its error: a section of the troubleshooting page. */
final class TroubleshootingLink {

    static final String ATTRIBUTE = "troubleshootingUrl";

    private TroubleshootingLink() {}

    /** {@code …/realms/{realm}/gatehouse/troubleshooting?reason=<anchor>#<anchor>} */
    static String to(AuthenticationFlowContext context, String anchor) {
        return to(context.getSession(), context.getRealm(), anchor);
    }

    /** The same, outside an authentication flow. */
    static String to(KeycloakSession session, RealmModel realm, String anchor) {
        return page(session, realm)
                .queryParam("reason", anchor)
                .fragment(anchor)
                .build()
                .toString();
    }

    /** The page itself, for an error that no reason of the article explains (the store being down). */
    static String toPage(AuthenticationFlowContext context) {
        return page(context.getSession(), context.getRealm()).build().toString();
    }

    private static UriBuilder page(KeycloakSession session, RealmModel realm) {
        return session.getContext()
                .getUri()
                .getBaseUriBuilder()
                .path("realms")
                .path(realm.getName())
                .path("gatehouse/troubleshooting");
    }
}
