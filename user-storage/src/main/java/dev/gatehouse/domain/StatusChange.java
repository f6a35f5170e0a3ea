package dev.gatehouse.domain;

/** What {@link AccountPolicy} answers for a manual status change (termination or reinstatement). */
public enum StatusChange {
    /** Write the new status. */
    APPLY,
    /** The account has that status already: nothing to write. */
    UNCHANGED,
    /** Banned accounts, and sub-users of one, never change again (SPEC P7.2). */
    REFUSE_BANNED,
    /** Only top-level accounts are terminated; sub-users follow their parent (SPEC P6.2). */
    REFUSE_SUB_USER,
    /** An invoice from before the current month is still unpaid (SPEC P6.4). */
    REFUSE_UNPAID;

    public boolean refused() {
        return this != APPLY && this != UNCHANGED;
    }
}
