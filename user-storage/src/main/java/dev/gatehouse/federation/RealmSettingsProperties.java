package dev.gatehouse.federation;

import dev.gatehouse.support.RealmSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The realm's Gatehouse settings on the {@code gatehouse-accounts} component (issue 18), as the
 * admin console shows them, and the checks {@code validateConfiguration} makes of them, the
 * combinations included. Each key is {@link RealmSettings#key} of the realm attribute it replaces.
 */
final class RealmSettingsProperties {

    static final String CENTRAL_IDP = "centralIdp";
    static final String CENTRAL_RESET_URL = "centralResetUrl";

    /** The whole-number settings: their key, label and help text. */
    private record Number(String key, String label, String help) {}

    private static final List<Number> NUMBERS = List.of(
            new Number(
                    "confirmationLinkSeconds",
                    "Confirmation link lifetime (seconds)",
                    "How long a signup's confirmation link works (default 86400, one day)."),
            new Number(
                    "confirmationResendLimit",
                    "Confirmation resends per window",
                    "How many confirmation e-mails a pending signup may ask for per window (default 3)."),
            new Number(
                    "confirmationResendWindowSeconds",
                    "Confirmation resend window (seconds)",
                    "The window of the resend limit (default 3600)."),
            new Number(
                    "confirmationResendIpLimit",
                    "Confirmation resends per client IP per window",
                    "How many confirmation e-mails one client IP may ask for per window, for any signups (default 30)."),
            new Number(
                    "apiKeyMaxAuthAgeSeconds",
                    "API-key management: maximum authentication age (seconds)",
                    "Creating or revoking an API key needs a login at most this old (default 300)."),
            new Number("signupLimit", "Signups per address per window", "Default 3."),
            new Number("signupIpLimit", "Signups per client IP per window", "Default 20."),
            new Number("signupWindowSeconds", "Signup limit window (seconds)", "Default 3600."),
            new Number("forgotPasswordLimit", "Password resets per identifier per window", "Default 5."),
            new Number("forgotPasswordIpLimit", "Password resets per client IP per window", "Default 30."),
            new Number("forgotPasswordWindowSeconds", "Password reset limit window (seconds)", "Default 3600."),
            new Number("forgotUsernameLimit", "Username reminders per address per window", "Default 5."),
            new Number("forgotUsernameIpLimit", "Username reminders per client IP per window", "Default 30."),
            new Number("forgotUsernameWindowSeconds", "Username reminder limit window (seconds)", "Default 3600."));

    private RealmSettingsProperties() {}

    static void addTo(ProviderConfigurationBuilder builder) {
        builder.property()
                .name(CENTRAL_IDP)
                .label("Central identity provider")
                .helpText("Alias of the realm's identity provider that is the central identity (default console). "
                        + "Replaces the realm attribute gatehouseCentralIdp, which is read while this is empty.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(CENTRAL_RESET_URL)
                .label("Central password reset URL")
                .helpText("Where accounts linked to the central identity reset their password; needs the central "
                        + "identity provider. Replaces the realm attribute gatehouseCentralResetUrl.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(RealmSettings.MATCH_LOCAL_USER_TIMING)
                .label("Equal timing with local users")
                .helpText("For realms that also have local Keycloak users with Keycloak's own password hash: every "
                        + "password attempt pays the store's bcrypt and the realm's hash, one of them a dummy, so that "
                        + "unknown identifiers, store accounts and local users answer in the same time without "
                        + "rehashing local users. Costs a second hash per attempt; setup turns it on.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add();
        for (Number number : NUMBERS) {
            builder.property()
                    .name(number.key())
                    .label(number.label())
                    .helpText(number.help() + " Empty: the default (or the former realm attribute gatehouse"
                            + Character.toUpperCase(number.key().charAt(0))
                            + number.key().substring(1) + ").")
                    .type(ProviderConfigProperty.STRING_TYPE)
                    .add();
        }
    }

    /** Refuses values that cannot be used and settings that contradict each other. */
    static void validate(KeycloakSession session, ComponentModel model) {
        for (Number number : NUMBERS) {
            String value = model.get(number.key());
            if (value != null && !value.isBlank() && !positive(value)) {
                throw new ComponentValidationException(number.label() + " must be a whole number above 0");
            }
        }
        String alias = blankToNull(model.get(CENTRAL_IDP));
        String resetUrl = blankToNull(model.get(CENTRAL_RESET_URL));
        if (resetUrl != null && !httpUrl(resetUrl)) {
            throw new ComponentValidationException("The central password reset URL must be an absolute http(s) URL");
        }
        if (resetUrl != null && alias == null) {
            throw new ComponentValidationException(
                    "A central password reset URL needs the central identity provider it belongs to");
        }
        if (alias != null && session.identityProviders().getByAlias(alias) == null) {
            throw new ComponentValidationException("The realm has no identity provider with the alias " + alias);
        }
    }

    private static boolean positive(String value) {
        try {
            return Integer.parseInt(value.strip()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
