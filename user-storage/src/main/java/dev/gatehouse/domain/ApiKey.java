package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as owners and admins see it: everything but the secret and its hash.
 *
 * @param expiresAt when the key stops working, or {@code null} for a key that does not expire
 */
public record ApiKey(
        String id,
        UUID accountId,
        String name,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt,
        Set<KeyScope> scopes,
        Instant expiresAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
