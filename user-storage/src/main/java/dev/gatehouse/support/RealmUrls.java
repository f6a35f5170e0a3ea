package dev.gatehouse.support;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Every URL of a realm that Gatehouse puts in a page, an e-mail or an answer, from Keycloak's
 * configured hostname (SPEC S2): {@code {base}/realms/{realm}/…}. Each call returns a new builder.
 */
public final class RealmUrls {

    /** Path of Gatehouse's realm resource, {@code /realms/{realm}/gatehouse}, and its provider id. */
    public static final String GATEHOUSE = "gatehouse";

    private RealmUrls() {}

    /** {@code {base}/realms/{realm}} */
    public static UriBuilder realm(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName());
    }

    /** {@code {base}/realms/{realm}/gatehouse/{path}} */
    public static UriBuilder gatehouse(KeycloakSession session, RealmModel realm, String path) {
        return realm(session, realm).path(GATEHOUSE).path(path);
    }

    /** The troubleshooting article, {@code …/gatehouse/troubleshooting}. */
    public static UriBuilder troubleshooting(KeycloakSession session, RealmModel realm) {
        return gatehouse(session, realm, "troubleshooting");
    }

    /** A section of the article, marked by the server and scrolled to: {@code …?reason=<anchor>#<anchor>}. */
    public static String troubleshooting(KeycloakSession session, RealmModel realm, String anchor) {
        return troubleshooting(session, realm)
                .queryParam("reason", anchor)
                .fragment(anchor)
                .build()
                .toString();
    }

    /** The account console, {@code …/account/}. */
    public static String accountConsole(KeycloakSession session, RealmModel realm) {
        return realm(session, realm).path("account/").build().toString();
    }

    /**
     * An OpenID Connect authorization request, {@code …/protocol/openid-connect/{endpoint}} ({@code auth}
     * or {@code registrations}), for the code flow of a client.
     */
    public static UriBuilder oidc(
            KeycloakSession session, RealmModel realm, String endpoint, String clientId, String redirectUri) {
        return realm(session, realm)
                .path("protocol/openid-connect")
                .path(endpoint)
                .queryParam("client_id", clientId)
                .queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid");
    }

    /** Log in, or sign up, through the realm's account console client, which every realm has. */
    public static String viaAccountConsole(KeycloakSession session, RealmModel realm, String endpoint) {
        return oidc(session, realm, endpoint, Constants.ACCOUNT_CONSOLE_CLIENT_ID, accountConsole(session, realm))
                .build()
                .toString();
    }
}
