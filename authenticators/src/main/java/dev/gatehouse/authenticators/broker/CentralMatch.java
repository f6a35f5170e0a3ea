package dev.gatehouse.authenticators.broker;

import dev.gatehouse.domain.Account;
import java.util.Optional;

/**
 * What the first login through the central identity provider does with the store (SPEC P1.6, P1.7,
 * P7.2), decided from what the store and the central assertion say. Auto-linking to an address
 * that either side has not verified would hand the account over (keycloak#53041).
 */
enum CentralMatch {
    /** The store already records this central subject: log in as that account without asking. */
    RECORDED_LINK,
    /**
     * One account owns the e-mail and both sides verified it, or the central e-mail is an account's
     * username and the central side verified it: confirm with that account's legacy password, then link.
     */
    CONFIRM_WITH_PASSWORD,
    /** The matching account's e-mail is unconfirmed, or the central IdP does not vouch for it. */
    REFUSE_UNVERIFIED,
    /** The account with that e-mail is already linked to another central identity, or the address is banned. */
    REFUSE,
    /** Nobody has the address: a new store account. */
    CREATE;

    static CentralMatch of(
            Optional<Account> bySubject, boolean emailBanned, Optional<Account> byEmail, boolean centralVerified) {
        return of(bySubject, emailBanned, Optional.empty(), byEmail, centralVerified);
    }

    /**
     * @param byUsername the account whose username is, by its key, the central e-mail address: it
     *     comes before an e-mail match, since identifiers resolve as usernames first (SPEC P4.2), and
     *     is never passed over for a new account that would capture its username (the class of
     *     CVE-2026-19607). Its own address plays no part, so only the central side must vouch.
     */
    static CentralMatch of(
            Optional<Account> bySubject,
            boolean emailBanned,
            Optional<Account> byUsername,
            Optional<Account> byEmail,
            boolean centralVerified) {
        if (bySubject.isPresent()) {
            return RECORDED_LINK;
        }
        if (emailBanned) {
            return REFUSE;
        }
        if (byUsername.isPresent()) {
            if (byUsername.get().centralSubject() != null) {
                return REFUSE;
            }
            return centralVerified ? CONFIRM_WITH_PASSWORD : REFUSE_UNVERIFIED;
        }
        if (byEmail.isEmpty()) {
            return CREATE;
        }
        Account existing = byEmail.get();
        if (existing.centralSubject() != null) {
            return REFUSE;
        }
        return existing.emailConfirmed() && centralVerified ? CONFIRM_WITH_PASSWORD : REFUSE_UNVERIFIED;
    }
}
