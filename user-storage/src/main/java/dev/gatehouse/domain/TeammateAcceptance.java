package dev.gatehouse.domain;

/** What {@link AccountPolicy#teammateAcceptance} decides about an account accepting an invitation. */
public enum TeammateAcceptance {
    APPLY,
    /** The invitation was sent to another address than the account's confirmed one. */
    REFUSE_OTHER_ADDRESS,
    /** The account is the team's own account. */
    REFUSE_OWN_ACCOUNT,
    /** The account is a teammate of some account already (tokens name one account). */
    REFUSE_ALREADY_TEAMMATE,
    /** The account has sub-users or teammates of its own, which would not follow the team's status. */
    REFUSE_HAS_MEMBERS,
    /** The account or the team is not active. */
    REFUSE_INACTIVE;

    public boolean refused() {
        return this != APPLY;
    }
}
