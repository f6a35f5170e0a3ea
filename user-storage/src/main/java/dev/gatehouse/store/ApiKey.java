package dev.gatehouse.store;

import java.time.Instant;
import java.util.UUID;

/** An API key as owners and admins see it: everything but the secret and its hash. */
public record ApiKey(String id, UUID accountId, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
