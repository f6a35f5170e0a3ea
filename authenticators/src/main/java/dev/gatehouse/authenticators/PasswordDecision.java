package dev.gatehouse.authenticators;

import java.util.function.BooleanSupplier;

/**
 * The password step's decision, apart from Keycloak. An identifier that matched no account still
 * pays for one password hash, so that the response time does not tell it from a wrong password;
 * a pending signup pays for its own hash and, with a wrong password, fails like an unknown account.
 */
final class PasswordDecision {

    /** What the identifier step found. */
    enum Candidate {
        ACCOUNT,
        PENDING_SIGNUP,
        NONE
    }

    enum Outcome {
        ACCEPTED,
        REJECTED,
        /** A pending signup's password: the account does not exist until its address is confirmed. */
        UNCONFIRMED_SIGNUP,
        UNKNOWN_ACCOUNT
    }

    private PasswordDecision() {}

    static Outcome decide(Candidate candidate, BooleanSupplier passwordMatches, Runnable dummyHash) {
        return switch (candidate) {
            case ACCOUNT -> passwordMatches.getAsBoolean() ? Outcome.ACCEPTED : Outcome.REJECTED;
            case PENDING_SIGNUP ->
                passwordMatches.getAsBoolean() ? Outcome.UNCONFIRMED_SIGNUP : Outcome.UNKNOWN_ACCOUNT;
            case NONE -> {
                dummyHash.run();
                yield Outcome.UNKNOWN_ACCOUNT;
            }
        };
    }
}
