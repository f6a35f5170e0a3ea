package dev.gatehouse.authenticators.signup;

import dev.gatehouse.store.PendingSignupRepository.Refusal;

/**
 * What a valid signup does (SPEC P2.1, P2.5, P2.6). Whatever it is, the page that follows is the
 * same "check your e-mail", so that signup reveals nothing about addresses or usernames.
 */
enum SignupDecision {
    /** A free address and username: a pending signup and a confirmation link. */
    RESERVE,
    /** An address in use (by an account or a pending signup): its owner is told, nothing is created. */
    NOTIFY_OWNER,
    /** A free address with a username in use: the address is told to choose another, nothing is created. */
    USERNAME_TAKEN,
    /** A banned address: nothing is created and nothing is sent. */
    IGNORE;

    static SignupDecision of(boolean addressBanned, boolean addressInUse, boolean usernameTaken) {
        if (addressBanned) {
            return IGNORE;
        }
        if (addressInUse) {
            return NOTIFY_OWNER;
        }
        return usernameTaken ? USERNAME_TAKEN : RESERVE;
    }

    /** How the store records a signup that reserved nothing; none for {@link #RESERVE}. */
    Refusal refusal() {
        return switch (this) {
            case NOTIFY_OWNER -> Refusal.ADDRESS_IN_USE;
            case USERNAME_TAKEN -> Refusal.USERNAME_TAKEN;
            case IGNORE -> Refusal.ADDRESS_BANNED;
            case RESERVE -> throw new IllegalStateException("a reserving signup is recorded as a pending signup");
        };
    }
}
