package dev.gatehouse.storage;

import dev.gatehouse.store.Account;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The read-only user attributes through which the store's own fields reach Keycloak: the admin
 * console, token mappers and other Gatehouse providers read them, nobody writes them.
 */
public final class AccountAttributes {

    /** The username as typed at signup; Keycloak itself only knows the lower-cased form. */
    public static final String USERNAME = "gatehouseUsername";

    public static final String STATUS = "gatehouseStatus";
    public static final String EFFECTIVE_STATUS = "gatehouseEffectiveStatus";
    public static final String PARENT_ID = "gatehouseParentId";
    public static final String EMAIL_CONFIRMED = "gatehouseEmailConfirmed";

    /** The subject of the central identity recorded for the account, if any (a legacy or Gatehouse link). */
    public static final String CENTRAL_SUBJECT = "gatehouseCentralSubject";

    static final Set<String> NAMES =
            Set.of(USERNAME, STATUS, EFFECTIVE_STATUS, PARENT_ID, EMAIL_CONFIRMED, CENTRAL_SUBJECT);

    private AccountAttributes() {}

    static Map<String, String> of(Account account) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(USERNAME, account.username());
        values.put(STATUS, account.status().dbValue());
        values.put(EFFECTIVE_STATUS, account.effectiveStatus().dbValue());
        if (account.parentId() != null) {
            values.put(PARENT_ID, account.parentId().toString());
        }
        values.put(EMAIL_CONFIRMED, Boolean.toString(account.emailConfirmed()));
        if (account.centralSubject() != null) {
            values.put(CENTRAL_SUBJECT, account.centralSubject());
        }
        return values;
    }
}
