package dev.gatehouse.authenticators;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.theme.Theme;

/**
 * Every error body of the Gatehouse direct grant and token gate: Keycloak's OAuth error shape, the
 * description from a message key of the realm's login theme. Refusals that must not depend on the
 * account are worded in the request's locale, never the user's.
 */
public final class GrantError {

    static final String INVALID_CREDENTIALS = "gatehouse.directGrantInvalidCredentials";
    public static final String MISSING_USERNAME = "gatehouse.directGrantMissingUsername";
    public static final String CENTRAL_LOGIN = "gatehouse.directGrantCentralLogin";
    public static final String UNCONFIRMED = "gatehouse.directGrantUnconfirmed";
    public static final String DISABLED = "gatehouse.directGrantDisabled";
    public static final String TERMINATED = "gatehouse.directGrantTerminated";
    public static final String BANNED = "gatehouse.directGrantBanned";

    private GrantError() {}

    /** What a wrong password, an unknown identifier and every not-yet-proven state get, byte for byte. */
    public static Response invalidCredentials(AuthenticationFlowContext context) {
        return invalidGrant(context, null, INVALID_CREDENTIALS);
    }

    /** A 400 {@code invalid_grant}; {@code user} null words it in the request's locale. */
    public static Response invalidGrant(AuthenticationFlowContext context, UserModel user, String key, Object... args) {
        return of(context, Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_GRANT, user, key, args);
    }

    public static Response of(
            AuthenticationFlowContext context,
            Response.Status status,
            String error,
            UserModel user,
            String key,
            Object... args) {
        String description = message(context.getSession(), context.getRealm(), user, key, args);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(error, description))
                .build();
    }

    /** The message in the user's locale (the request's when {@code user} is null), from the login theme. */
    public static String message(
            KeycloakSession session, RealmModel realm, UserModel user, String key, Object... args) {
        Locale locale = session.getContext().resolveLocale(user);
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            return new MessageFormat(messages.getProperty(key, key), locale).format(args);
        } catch (IOException e) {
            throw new IllegalStateException("The login theme's messages cannot be read", e);
        }
    }
}
