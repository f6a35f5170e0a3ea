package dev.gatehouse.authenticators;

import dev.gatehouse.storage.AccountAttributes;
import dev.gatehouse.store.AccountPolicy;
import dev.gatehouse.store.AccountStatus;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.theme.Theme;

/**
 * The direct grant of a store account that {@link AccountPolicy} refuses (SPEC P6.3, P7.3): once
 * the password is proven, a 400 {@code invalid_grant} that says whether the account was
 * terminated or banned, with the troubleshooting link; with a wrong password, exactly what any
 * wrong password gets. It runs inside the username step because Keycloak refuses to make a
 * disabled user the flow's user ({@code AuthenticationProcessor.validateUser}), so no later step
 * of the flow ever sees the account.
 */
final class DirectGrantAccountStatus {

    static final String TERMINATED = "gatehouse.directGrantTerminated";
    static final String BANNED = "gatehouse.directGrantBanned";

    private static final AccountPolicy POLICY = new AccountPolicy();

    private DirectGrantAccountStatus() {}

    /** The effective status of a store account that may not log in; empty for usable and non-store users. */
    static Optional<AccountStatus> blocked(UserModel user) {
        String status = user.getFirstAttribute(AccountAttributes.EFFECTIVE_STATUS);
        if (status == null) {
            return Optional.empty();
        }
        AccountStatus effective = AccountStatus.fromDb(status);
        return POLICY.login(effective).allowed() ? Optional.empty() : Optional.of(effective);
    }

    /** Refuses the grant, revealing the status only when the request's password is the account's. */
    static void refuse(AuthenticationFlowContext context, UserModel user, AccountStatus status) {
        String password =
                context.getHttpRequest().getDecodedFormParameters().getFirst(CredentialRepresentation.PASSWORD);
        boolean proven = password != null && user.credentialManager().isValid(UserCredentialModel.password(password));
        context.getEvent().user(user);
        if (!proven) {
            // As ValidatePassword answers a wrong password, brute-force counting included.
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failure(AuthenticationFlowError.INVALID_USER, error("Invalid user credentials"));
            return;
        }
        boolean banned = status == AccountStatus.BANNED;
        context.getEvent().detail("gatehouse_status", status.dbValue()).error(Errors.USER_DISABLED);
        String link = TroubleshootingLink.to(context, banned ? "account-banned" : "billing-terminated");
        context.forceChallenge(
                error(message(context.getSession(), context.getRealm(), user, banned ? BANNED : TERMINATED, link)));
    }

    /** The body Keycloak's own direct-grant steps answer, so that a wrong password reads byte for byte the same. */
    private static Response error(String description) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation("invalid_grant", description))
                .build();
    }

    /** The message in the user's locale, from the realm's login theme. */
    static String message(KeycloakSession session, RealmModel realm, UserModel user, String key, String link) {
        Locale locale = session.getContext().resolveLocale(user);
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            return new MessageFormat(messages.getProperty(key, key), locale).format(new Object[] {link});
        } catch (IOException e) {
            throw new IllegalStateException("The login theme's messages cannot be read", e);
        }
    }
}
