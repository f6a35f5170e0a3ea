package dev.gatehouse.federation;

import dev.gatehouse.store.PasswordHasher;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The admin-console settings of the {@code gatehouse-accounts} provider. */
final class AccountsStorageConfigProperties {

    static final String BCRYPT_COST = "bcryptCost";
    static final int DEFAULT_BCRYPT_COST = 10;
    static final String REQUIRE_SECOND_FACTOR = "requireSecondFactor";

    static final List<ProviderConfigProperty> PROPERTIES = properties();

    private static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property()
                .name(BCRYPT_COST)
                .label("bcrypt cost")
                .helpText(
                        "Work factor of the bcrypt hashes written for new passwords, and of the dummy hash checked for "
                                + "unknown usernames so that they take as long as known ones. Between "
                                + PasswordHasher.MIN_COST
                                + " and " + PasswordHasher.MAX_COST
                                + "; match the cost of the hashes already in the store.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_BCRYPT_COST))
                .add()
                .property()
                .name(REQUIRE_SECOND_FACTOR)
                .label("Require a second factor")
                .helpText("Every account that is not linked to the central identity provider must hold a second factor "
                        + "(TOTP or a passkey). An account without one sets up TOTP, and is offered recovery codes, at its "
                        + "next browser login before any token is issued; its direct grants are refused until then. "
                        + "Linked accounts use the central provider's second factor and are never asked.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add();
        RealmSettingsProperties.addTo(builder);
        return builder.build();
    }

    private AccountsStorageConfigProperties() {}
}
