package dev.gatehouse.domain;

import java.util.Locale;

/** An account's own status, ordered from least to most severe. */
public enum AccountStatus {
    ACTIVE,
    TERMINATED,
    BANNED;

    /** The value stored in the account store's {@code status} column. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The more severe of two statuses: banned over terminated over active. */
    public AccountStatus worst(AccountStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** SQL that ranks a status column by severity, matching the enum's order. */
    public static String severitySql(String column) {
        return "CASE " + column + " WHEN 'banned' THEN 2 WHEN 'terminated' THEN 1 ELSE 0 END";
    }

    public static AccountStatus fromSeverity(int severity) {
        return values()[severity];
    }
}
