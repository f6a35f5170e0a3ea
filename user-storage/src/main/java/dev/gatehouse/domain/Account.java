package dev.gatehouse.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the account store, with the effective status derived from its ancestors.
 *
 * @param username the username as the user typed it at signup
 * @param passwordHash the legacy bcrypt hash, or {@code null} for accounts that only log in centrally
 * @param effectiveStatus the worst of its own status, its ancestors' and, for a teammate, its team's
 * @param teamId the account this one is a teammate of, or {@code null}
 * @param teamLevel its level on that team, or {@code null} when it is nobody's teammate
 */
public record Account(
        UUID id,
        String username,
        String email,
        boolean emailConfirmed,
        String passwordHash,
        AccountStatus status,
        AccountStatus effectiveStatus,
        UUID parentId,
        String centralSubject,
        Instant createdAt,
        UUID teamId,
        TeammateLevel teamLevel) {

    public boolean hasPassword() {
        return passwordHash != null;
    }
}
