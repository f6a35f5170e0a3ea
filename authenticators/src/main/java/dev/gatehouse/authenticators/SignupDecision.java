package dev.gatehouse.authenticators;

/**
 * What a valid signup does with its address (SPEC P2.1, P2.5, issue 4 item 3). Whatever it is, the
 * page that follows is the same "check your e-mail", so that signup reveals nothing about addresses.
 */
enum SignupDecision {
    /** A free address: a pending signup and a confirmation link. */
    RESERVE,
    /** An address in use (by an account or a pending signup): its owner is told, nothing is created. */
    NOTIFY_OWNER,
    /** A banned address: nothing is created and nothing is sent. */
    IGNORE;

    static SignupDecision of(boolean addressBanned, boolean addressInUse) {
        if (addressBanned) {
            return IGNORE;
        }
        return addressInUse ? NOTIFY_OWNER : RESERVE;
    }
}
