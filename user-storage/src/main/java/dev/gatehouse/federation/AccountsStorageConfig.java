package dev.gatehouse.federation;

import static dev.gatehouse.federation.AccountsStorageConfigProperties.BCRYPT_COST;
import static dev.gatehouse.federation.AccountsStorageConfigProperties.DEFAULT_BCRYPT_COST;
import static dev.gatehouse.federation.AccountsStorageConfigProperties.REQUIRE_SECOND_FACTOR;

import dev.gatehouse.store.PasswordHasher;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;

/** Typed view of a {@code gatehouse-accounts} component's configuration. */
record AccountsStorageConfig(int bcryptCost, boolean requireSecondFactor) {

    static AccountsStorageConfig of(ComponentModel model) {
        return new AccountsStorageConfig(cost(model.get(BCRYPT_COST)), model.get(REQUIRE_SECOND_FACTOR, false));
    }

    private static int cost(String cost) {
        if (cost == null || cost.isBlank()) {
            return DEFAULT_BCRYPT_COST;
        }
        try {
            return Integer.parseInt(cost.strip());
        } catch (NumberFormatException e) {
            throw invalidCost();
        }
    }

    /** Throws the message the admin console shows when the configuration cannot be used. */
    void validate() {
        if (bcryptCost < PasswordHasher.MIN_COST || bcryptCost > PasswordHasher.MAX_COST) {
            throw invalidCost();
        }
    }

    private static ComponentValidationException invalidCost() {
        return new ComponentValidationException("bcrypt cost must be a whole number between " + PasswordHasher.MIN_COST
                + " and " + PasswordHasher.MAX_COST);
    }
}
