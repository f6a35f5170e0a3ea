package dev.gatehouse.store;

import dev.gatehouse.domain.Activity;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * SQL over the store's {@code account_activity} table: entries are filed under the member's team
 * account (its own account for an owner), so the owner and admins see every member's changes.
 */
public final class ActivityRepository {

    /** Entries an activity listing shows, newest first. */
    public static final int MAX_LISTED = 100;

    private final EntityManager em;

    public ActivityRepository(EntityManager em) {
        this.em = em;
    }

    /** Records an action concerning a member, under the team it belongs to at this moment. */
    public void record(UUID memberId, String actor, String action, String detail) {
        Sql.guarded(() -> em.createNativeQuery("""
                        INSERT INTO account_activity (account_id, member_id, actor, action, detail)
                        SELECT coalesce((SELECT account_id FROM teammate WHERE member_id = ?1), ?1), ?1, ?2, ?3,
                               CAST(?4 AS text)
                        """)
                .setParameter(1, memberId)
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, detail)
                .executeUpdate());
    }

    /** Records an action on the team itself (an invitation, a level change), under the team's account. */
    public void recordForTeam(UUID teamId, UUID memberId, String actor, String action, String detail) {
        Sql.guarded(() -> em.createNativeQuery("""
                        INSERT INTO account_activity (account_id, member_id, actor, action, detail)
                        VALUES (?1, CAST(?2 AS uuid), ?3, ?4, CAST(?5 AS text))
                        """)
                .setParameter(1, teamId)
                .setParameter(2, memberId)
                .setParameter(3, actor)
                .setParameter(4, action)
                .setParameter(5, detail)
                .executeUpdate());
    }

    /** The team's latest {@value #MAX_LISTED} entries, newest first. */
    public List<Activity> list(UUID teamId) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT member_id, actor, action, detail, created_at FROM account_activity
                            WHERE account_id = ?1 ORDER BY created_at DESC, id DESC LIMIT %d
                            """.formatted(MAX_LISTED))
                    .setParameter(1, teamId)
                    .getResultList();
            return rows.stream()
                    .map(row -> new Activity(
                            Sql.uuid(row[0]), (String) row[1], (String) row[2], (String) row[3], Sql.instant(row[4])))
                    .toList();
        });
    }
}
