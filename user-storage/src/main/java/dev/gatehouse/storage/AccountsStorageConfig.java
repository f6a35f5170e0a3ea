package dev.gatehouse.storage;

import static dev.gatehouse.storage.AccountsStorageConfigProperties.BCRYPT_COST;
import static dev.gatehouse.storage.AccountsStorageConfigProperties.DEFAULT_BCRYPT_COST;

import dev.gatehouse.store.PasswordHasher;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;

/** Typed view of a {@code gatehouse-accounts} component's configuration. */
record AccountsStorageConfig(int bcryptCost) {

    static AccountsStorageConfig of(ComponentModel model) {
        String cost = model.get(BCRYPT_COST);
        if (cost == null || cost.isBlank()) {
            return new AccountsStorageConfig(DEFAULT_BCRYPT_COST);
        }
        try {
            return new AccountsStorageConfig(Integer.parseInt(cost.strip()));
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
