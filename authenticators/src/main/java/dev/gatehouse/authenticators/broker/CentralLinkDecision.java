package dev.gatehouse.authenticators.broker;

import java.util.Optional;

/**
 * Whether a Keycloak link to the central identity provider may stay, whichever path made it (account
 * console, Admin API, first broker login): the ban-list and verified-e-mail rules of the first broker
 * login (SPEC S5, P1.6, P7.2), decided from what the store and the central assertion say.
 */
enum CentralLinkDecision {
    /** The store records this very subject (the first broker login linked it), or every rule holds. */
    ALLOW,
    /** The account's address, or the central identity's, is on the ban list. */
    REFUSE_BANNED,
    /** The account's address is unconfirmed, or the central provider does not vouch for its own. */
    REFUSE_UNVERIFIED,
    /** The store links the account to another central identity. */
    REFUSE_OTHER_SUBJECT,
    /** The store could not be read: a link nobody could check does not stay. */
    REFUSE_UNCHECKED;

    /**
     * @param subject the central subject of the new link
     * @param recorded the central subject the store records for the account, if any
     * @param banned whether an address of either side is on the ban list
     * @param accountConfirmed whether the account's own address is confirmed
     * @param centralVerified what the central provider asserted of its address during this link;
     *     empty when nothing was asserted because an administrator made the link and vouches for it
     */
    static CentralLinkDecision of(
            String subject,
            Optional<String> recorded,
            boolean banned,
            boolean accountConfirmed,
            Optional<Boolean> centralVerified) {
        if (recorded.isPresent()) {
            return recorded.get().equals(subject) ? ALLOW : REFUSE_OTHER_SUBJECT;
        }
        if (banned) {
            return REFUSE_BANNED;
        }
        if (!accountConfirmed || !centralVerified.orElse(true)) {
            return REFUSE_UNVERIFIED;
        }
        return ALLOW;
    }

    boolean refused() {
        return this != ALLOW;
    }
}
