package dev.gatehouse.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The collision report that re-keying writes ({@link IdentifierRekeying}), for the Admin API. */
public final class IdentifierCollisionRepository {

    private final StoreConnection store;

    public IdentifierCollisionRepository(StoreConnection store) {
        this.store = store;
    }

    /** One account or pending signup in a collision, and what re-keying did with it. */
    public record Collision(
            String kind,
            String key,
            String record,
            UUID recordId,
            String username,
            String email,
            String resolution,
            Instant detectedAt) {}

    /** Every reported record, grouped by collision (kind, then key), each group in report order. */
    public List<Collision> list(int first, int max) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT kind, key, record, record_id, username, email, resolution, detected_at
                            FROM identifier_collision ORDER BY kind, key, id OFFSET ?1 LIMIT ?2
                            """)
                    .setParameter(1, Math.max(first, 0))
                    .setParameter(2, Math.max(max, 0))
                    .getResultList();
            return rows.stream()
                    .map(row -> new Collision(
                            (String) row[0],
                            (String) row[1],
                            (String) row[2],
                            Sql.uuid(row[3]),
                            (String) row[4],
                            (String) row[5],
                            (String) row[6],
                            Sql.instant(row[7])))
                    .toList();
        });
    }
}
