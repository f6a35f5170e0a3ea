package dev.gatehouse.authenticators;

import java.util.function.BooleanSupplier;

/**
 * The password step's decision, apart from Keycloak. An identifier that matched no account still
 * pays for one password hash, so that the response time does not tell it from a wrong password.
 */
final class PasswordDecision {

    enum Outcome {
        ACCEPTED,
        REJECTED,
        UNKNOWN_ACCOUNT
    }

    private PasswordDecision() {}

    static Outcome decide(boolean accountKnown, BooleanSupplier passwordMatches, Runnable dummyHash) {
        if (!accountKnown) {
            dummyHash.run();
            return Outcome.UNKNOWN_ACCOUNT;
        }
        return passwordMatches.getAsBoolean() ? Outcome.ACCEPTED : Outcome.REJECTED;
    }
}
