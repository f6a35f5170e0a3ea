package dev.gatehouse.authenticators;

import dev.gatehouse.support.RealmUrls;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Where a login page sends the user to read about its error: a section of the troubleshooting page. */
public final class TroubleshootingLink {

    public static final String ATTRIBUTE = "troubleshootingUrl";

    private TroubleshootingLink() {}

    /** {@code …/realms/{realm}/gatehouse/troubleshooting?reason=<anchor>#<anchor>} */
    public static String to(AuthenticationFlowContext context, String anchor) {
        return to(context.getSession(), context.getRealm(), anchor);
    }

    /** The same, outside an authentication flow. */
    public static String to(KeycloakSession session, RealmModel realm, String anchor) {
        return RealmUrls.troubleshooting(session, realm, anchor);
    }

    /** The page itself, for an error that no reason of the article explains (the store being down). */
    static String toPage(AuthenticationFlowContext context) {
        return RealmUrls.troubleshooting(context.getSession(), context.getRealm())
                .build()
                .toString();
    }
}
