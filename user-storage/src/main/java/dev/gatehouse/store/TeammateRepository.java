package dev.gatehouse.store;

import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.domain.Teammate;
import dev.gatehouse.domain.TeammateLevel;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL over the store's {@code teammate} table; every value is a bind parameter. */
public final class TeammateRepository {

    private static final String SELECT = """
            SELECT t.id, t.account_id, t.member_id, m.username, t.invite_email, t.level, t.invited_by,
                   t.created_at, t.accepted_at
            FROM teammate t LEFT JOIN account m ON m.id = t.member_id
            """;

    private final EntityManager em;

    public TeammateRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Records an invitation of an address to the account.
     *
     * @return empty when the address has a pending invitation to this account already
     */
    public Optional<Teammate> invite(UUID accountId, String email, TeammateLevel level, String invitedBy) {
        UUID id = Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery("""
                            INSERT INTO teammate (account_id, invite_email, invite_email_key, level, invited_by)
                            VALUES (?1, ?2, ?3, ?4, ?5)
                            ON CONFLICT (account_id, invite_email_key) WHERE member_id IS NULL DO NOTHING
                            RETURNING id
                            """)
                    .setParameter(1, accountId)
                    .setParameter(2, email)
                    .setParameter(3, Identifiers.key(email))
                    .setParameter(4, level.value())
                    .setParameter(5, invitedBy)
                    .getResultList();
            return rows.isEmpty() ? null : Sql.uuid(rows.get(0));
        });
        return id == null ? Optional.empty() : find(id);
    }

    /** The account's teammates and pending invitations, oldest first. */
    public List<Teammate> list(UUID accountId) {
        return select("WHERE t.account_id = ?1 ORDER BY t.created_at, t.id", accountId);
    }

    public Optional<Teammate> find(UUID id) {
        return select("WHERE t.id = ?1", id).stream().findFirst();
    }

    /** Whether the account has teammates or pending invitations of its own. */
    public boolean hasTeam(UUID accountId) {
        return exists("SELECT 1 FROM teammate WHERE account_id = ?1 LIMIT 1", accountId);
    }

    public boolean hasSubUsers(UUID accountId) {
        return exists("SELECT 1 FROM account WHERE parent_id = ?1 LIMIT 1", accountId);
    }

    /**
     * Makes the account the invitation's member; false when the invitation was accepted meanwhile
     * or the account joined a team meanwhile (the unique member index), so a link works once.
     */
    public boolean accept(UUID id, UUID memberId) {
        return Sql.guarded(() -> em.createNativeQuery("""
                                UPDATE teammate SET member_id = ?2, accepted_at = now()
                                WHERE id = ?1 AND member_id IS NULL
                                  AND NOT EXISTS (SELECT 1 FROM teammate WHERE member_id = ?2)
                                """)
                        .setParameter(1, id)
                        .setParameter(2, memberId)
                        .executeUpdate()
                == 1);
    }

    public boolean changeLevel(UUID id, TeammateLevel level) {
        return Sql.guarded(() -> em.createNativeQuery("UPDATE teammate SET level = ?2 WHERE id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, level.value())
                        .executeUpdate()
                == 1);
    }

    public boolean remove(UUID id) {
        return Sql.guarded(() -> em.createNativeQuery("DELETE FROM teammate WHERE id = ?1")
                        .setParameter(1, id)
                        .executeUpdate()
                == 1);
    }

    private boolean exists(String sql, UUID id) {
        return Sql.guarded(() ->
                !em.createNativeQuery(sql).setParameter(1, id).getResultList().isEmpty());
    }

    private List<Teammate> select(String where, UUID bind) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows =
                    em.createNativeQuery(SELECT + where).setParameter(1, bind).getResultList();
            return rows.stream().map(TeammateRepository::toTeammate).toList();
        });
    }

    private static Teammate toTeammate(Object[] row) {
        return new Teammate(
                Sql.uuid(row[0]),
                Sql.uuid(row[1]),
                Sql.uuid(row[2]),
                (String) row[3],
                (String) row[4],
                TeammateLevel.ofTeammate((String) row[5]).orElseThrow(),
                (String) row[6],
                Sql.instant(row[7]),
                Sql.instant(row[8]));
    }
}
