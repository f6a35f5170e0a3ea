package dev.gatehouse.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A teammate's permission level on the account it belongs to (SPEC P8.1), carried in its tokens as
 * {@code gatehouse_level}; the account's owner has {@link #OWNER}, which no teammate row holds.
 */
public enum TeammateLevel {
    OWNER("owner"),
    ADMIN("admin"),
    DEVELOPER("developer"),
    BILLING("billing"),
    READ_ONLY("read-only");

    private final String value;

    TeammateLevel(String value) {
        this.value = value;
    }

    /** The value of the store's {@code level} column, of the API and of the token claim. */
    public String value() {
        return value;
    }

    /** A level a teammate may be given: any but {@link #OWNER}. */
    public static Optional<TeammateLevel> ofTeammate(String value) {
        return Arrays.stream(values())
                .filter(level ->
                        level != OWNER && level.value.equals(value == null ? null : value.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * Who may create, list and revoke the API keys of its own account: the owner, {@code admin} and
     * {@code developer}; {@code billing} and {@code read-only} teammates may not (a key outlives a
     * session, so it would let them do more than their level allows).
     */
    public boolean managesApiKeys() {
        return this == OWNER || this == ADMIN || this == DEVELOPER;
    }

    /** The owner and {@code admin} teammates invite, change and remove teammates, and read the activity. */
    public boolean managesTeam() {
        return this == OWNER || this == ADMIN;
    }
}
