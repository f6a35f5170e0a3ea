package dev.gatehouse.authenticators;

import dev.gatehouse.storage.AccountAttributes;
import org.keycloak.models.UserModel;

/**
 * The unconfirmed-address rule of SPEC P2.3, in one place for the browser and the direct grant: a
 * store account whose address is unconfirmed does not log in with its password. Accounts that
 * log in centrally never reach a password step, Keycloak's own users carry no store flag, and an
 * account without an address has nothing to confirm.
 */
final class UnconfirmedGate {

    private UnconfirmedGate() {}

    static boolean blocks(UserModel user) {
        return user.getEmail() != null
                && Boolean.FALSE.toString().equals(user.getFirstAttribute(AccountAttributes.EMAIL_CONFIRMED));
    }
}
