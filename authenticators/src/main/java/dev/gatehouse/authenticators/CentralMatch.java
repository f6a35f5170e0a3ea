package dev.gatehouse.authenticators;

import dev.gatehouse.store.Account;
import java.util.Optional;

/**
 * What the first login through the central identity provider does with the store (SPEC P1.6, P1.7,
 * P7.2), decided from what the store and the central assertion say. Auto-linking to an address
 * that either side has not verified would hand the account over (keycloak#53041).
 */
enum CentralMatch {
    /** The store already records this central subject: log in as that account without asking. */
    RECORDED_LINK,
    /** One account owns the e-mail and both sides verified it: confirm with its legacy password, then link. */
    CONFIRM_WITH_PASSWORD,
    /** The matching account's e-mail is unconfirmed, or the central IdP does not vouch for it. */
    REFUSE_UNVERIFIED,
    /** The account with that e-mail is already linked to another central identity, or the address is banned. */
    REFUSE,
    /** Nobody has the address: a new store account. */
    CREATE;

    static CentralMatch of(
            Optional<Account> bySubject, boolean emailBanned, Optional<Account> byEmail, boolean centralVerified) {
        if (bySubject.isPresent()) {
            return RECORDED_LINK;
        }
        if (emailBanned) {
            return REFUSE;
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
