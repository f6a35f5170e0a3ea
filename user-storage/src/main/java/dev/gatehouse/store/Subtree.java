package dev.gatehouse.store;

/**
 * An account's subtree (the account and all its descendants) in SQL: the {@code account_subtree}
 * function of the migration {@code V10__account_subtree}, the one definition of the walk that every
 * status change and subtree lookup uses.
 */
final class Subtree {

    /** Bounds every walk of {@code parent_id}, down or up, against a cycle written by hand into the store. */
    static final int MAX_DEPTH = 32;

    private Subtree() {}

    /**
     * Rows {@code (root, id, depth)} of the subtrees rooted at {@code rootsSql}, an SQL expression of
     * type {@code uuid[]}, for a FROM clause.
     */
    static String of(String rootsSql) {
        return "account_subtree(" + rootsSql + ", " + MAX_DEPTH + ")";
    }
}
