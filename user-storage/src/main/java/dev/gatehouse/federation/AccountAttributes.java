package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.TeamRole;
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

    /**
     * The account the user acts for: its team's for a teammate, its own otherwise. The realm
     * export's protocol mappers put it into tokens as {@code gatehouse_account} (SPEC P8.1).
     */
    public static final String TEAM_ACCOUNT_ID = "gatehouseTeamAccountId";

    /** {@code owner}, or the teammate's level on that account; in tokens as {@code gatehouse_level}. */
    public static final String TEAM_LEVEL = "gatehouseTeamLevel";

    static final Set<String> NAMES = Set.of(
            USERNAME,
            STATUS,
            EFFECTIVE_STATUS,
            PARENT_ID,
            EMAIL_CONFIRMED,
            CENTRAL_SUBJECT,
            TEAM_ACCOUNT_ID,
            TEAM_LEVEL);

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
        TeamRole role = TeamRole.of(account);
        values.put(TEAM_ACCOUNT_ID, role.teamId().toString());
        values.put(TEAM_LEVEL, role.level().value());
        return values;
    }
}
