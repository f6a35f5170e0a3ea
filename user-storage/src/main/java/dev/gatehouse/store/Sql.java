package dev.gatehouse.store;

import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What every repository of the store needs: native-query values read back, and outages translated. */
final class Sql {

    private Sql() {}

    static UUID uuid(Object value) {
        return value == null || value instanceof UUID ? (UUID) value : UUID.fromString(value.toString());
    }

    /**
     * Ids as a PostgreSQL array literal, bound as one text parameter and cast in the statement
     * ({@code CAST(?1 AS uuid[])}): a set of any size in one bind, no SQL built from values.
     */
    static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** Hibernate returns timestamptz columns of native queries as one of these, depending on its version. */
    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return null;
    }

    /** Runs store work; any persistence failure means the store cannot be used right now. */
    static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (PersistenceException e) {
            throw new AccountStoreUnavailableException(e);
        }
    }
}
