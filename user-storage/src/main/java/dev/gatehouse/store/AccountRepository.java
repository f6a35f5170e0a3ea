package dev.gatehouse.store;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.domain.TeammateLevel;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL over the account store. Each lookup is one statement that also derives the effective status
 * from the account's ancestors; every value is a bind parameter. Lookups are reads and changes are
 * writes of the {@link StoreConnection} given.
 */
public final class AccountRepository {

    /**
     * A teammate's chain starts twice: at its own account and at its team's account, so that a
     * teammate of a banned or terminated account is blocked like a sub-user of one (SPEC P8.1).
     * Teammates have neither sub-users nor teammates of their own ({@link AccountPolicy#teammateAcceptance}),
     * so memberships need not be followed further up.
     */
    private static final String SELECT_WITH_EFFECTIVE_STATUS = """
            WITH RECURSIVE target AS (
                SELECT * FROM account WHERE %1$s ORDER BY username_key %2$s
            ), team AS (
                SELECT member_id, account_id, level FROM teammate WHERE member_id IN (SELECT id FROM target)
            ), chain (root_id, parent_id, severity, depth) AS (
                SELECT id, parent_id, %3$s, 0 FROM target
                UNION ALL
                SELECT member_id, account_id, 0, 0 FROM team
                UNION ALL
                SELECT c.root_id, p.parent_id, %4$s, c.depth + 1
                FROM chain c JOIN account p ON p.id = c.parent_id
                WHERE c.depth < %5$d
            ), effective (root_id, severity) AS (
                SELECT root_id, max(severity) FROM chain GROUP BY root_id
            )
            SELECT t.id, t.username, t.email, t.email_confirmed, t.password_hash, t.status, e.severity,
                   t.parent_id, t.central_subject, t.created_at, tm.account_id, tm.level
            FROM target t JOIN effective e ON e.root_id = t.id LEFT JOIN team tm ON tm.member_id = t.id
            ORDER BY t.username_key
            """;

    /** How many columns {@link #selectSql} returns. */
    static final int ACCOUNT_COLUMNS = 12;

    private static final Lookup BY_ID = Lookup.of(selectSql("id = ?1", ""));
    private static final Lookup BY_USERNAME = Lookup.of(selectSql("username_key = ?1", ""));
    private static final Lookup BY_EMAIL = Lookup.of(selectSql("email_key = ?1", "LIMIT 2"));
    private static final Lookup BY_CENTRAL_SUBJECT = Lookup.of(selectSql("central_subject = ?1", ""));
    private static final Lookup SUBTREES = Lookup.of(selectSql("""
            id IN (WITH tree AS (SELECT id FROM %s)
                   SELECT id FROM tree
                   UNION SELECT member_id FROM teammate WHERE account_id IN (SELECT id FROM tree)
                                                          AND member_id IS NOT NULL)""".formatted(Subtree.of("CAST(?1 AS uuid[])")), ""));

    private final StoreConnection store;

    public AccountRepository(StoreConnection store) {
        this.store = store;
    }

    public Optional<Account> findById(UUID id) {
        return select(BY_ID, List.of(id)).stream().findFirst();
    }

    /**
     * The account, all its descendants and their teammates, in one statement: a status change
     * applies to them all, the teammates through their team (SPEC P8.1).
     */
    public List<Account> findSubtree(UUID id) {
        return findSubtrees(List.of(id));
    }

    /** {@link #findSubtree} of several accounts in one statement, each account once. */
    public List<Account> findSubtrees(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return select(SUBTREES, List.of(Sql.uuidArray(ids)));
    }

    public Optional<Account> findByUsername(String username) {
        return select(BY_USERNAME, List.of(Identifiers.key(username))).stream().findFirst();
    }

    /** The account owning this address, unless several accounts share it (SPEC P4.2). */
    public Optional<Account> findByUniqueEmail(String email) {
        List<Account> owners = select(BY_EMAIL, List.of(Identifiers.key(email)));
        return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
    }

    /**
     * The account an identifier names (SPEC P4.2): its username first, else an address exactly one
     * account owns. Keycloak's own lookup asks the address first when the identifier has an "@".
     */
    public Optional<Account> findByIdentifier(String identifier) {
        return findByUsername(identifier).or(() -> findByUniqueEmail(identifier));
    }

    /**
     * What an identifier can name in the store, read by one statement whatever it names (SPEC S1):
     * the account of that username, the accounts of that address (at most two are read: two mean
     * a shared address, which names none of them, SPEC P4.2), and a live pending signup of that
     * username or address. Which of them wins is the caller's order, as Keycloak's own lookup
     * decides it.
     *
     * @param byUsername the account whose username key is the identifier's
     * @param byAddress the accounts whose address key is the identifier's, at most two
     * @param signup the live pending signup, if no account has the identifier as username or address
     */
    public record IdentifierRows(Optional<Row> byUsername, List<Row> byAddress, Optional<UUID> signup) {

        /** An account's id and whether the store records its central identity (SPEC P1.2). */
        public record Row(UUID id, boolean centrallyLinked) {}
    }

    public IdentifierRows identifierRows(String identifier) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT 0, id, central_subject IS NOT NULL FROM account WHERE username_key = ?1
                            UNION ALL
                            (SELECT 1, id, central_subject IS NOT NULL FROM account WHERE email_key = ?1 LIMIT 2)
                            UNION ALL
                            (SELECT 2, id, false FROM pending_signup
                             WHERE (username_key = ?1 OR email_key = ?1) AND expires_at > now()
                             ORDER BY username_key = ?1 DESC LIMIT 1)
                            """)
                    .setParameter(1, Identifiers.key(identifier))
                    .getResultList();
            Optional<IdentifierRows.Row> byUsername = Optional.empty();
            List<IdentifierRows.Row> byAddress = new ArrayList<>(2);
            Optional<UUID> signup = Optional.empty();
            for (Object[] row : rows) {
                IdentifierRows.Row account = new IdentifierRows.Row((UUID) row[1], (Boolean) row[2]);
                switch (((Number) row[0]).intValue()) {
                    case 0 -> byUsername = Optional.of(account);
                    case 1 -> byAddress.add(account);
                    default -> signup = Optional.of(account.id());
                }
            }
            boolean anAccountHasIt = byUsername.isPresent() || !byAddress.isEmpty();
            return new IdentifierRows(byUsername, List.copyOf(byAddress), anAccountHasIt ? Optional.empty() : signup);
        });
    }

    public Optional<Account> findByCentralSubject(String subject) {
        return select(BY_CENTRAL_SUBJECT, List.of(subject)).stream().findFirst();
    }

    /** An account by id and username, as the forgot-username e-mail lists it. */
    public record Holder(UUID id, String username) {}

    /** Every account registered with an address, parents before their sub-users (SPEC P4.3). */
    public List<Holder> holdersOfEmail(String email) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT id, username FROM account WHERE email_key = ?1"
                            + " ORDER BY parent_id IS NOT NULL, username_key LIMIT 100")
                    .setParameter(1, Identifiers.key(email))
                    .getResultList();
            return rows.stream()
                    .map(row -> new Holder((UUID) row[0], (String) row[1]))
                    .toList();
        });
    }

    /**
     * Whether a new username would collide with an identifier (SPEC P4.2): an account's or live
     * pending signup's username, or any of their addresses, shared ones included.
     */
    public boolean usernameTaken(String username) {
        return store.read(em -> !em.createNativeQuery("SELECT 1 FROM account WHERE username_key = ?1 OR email_key = ?1"
                        + " UNION ALL SELECT 1 FROM pending_signup"
                        + " WHERE (username_key = ?1 OR email_key = ?1) AND expires_at > now()"
                        + " LIMIT 1")
                .setParameter(1, Identifiers.key(username))
                .getResultList()
                .isEmpty());
    }

    /** What stands in a signup's way, each part by its identifier's key. */
    public record SignupObstacles(boolean addressBanned, boolean addressInUse, boolean usernameTaken) {}

    /**
     * Whether a signup's address is banned; whether it is in use — an account's address (its own or
     * shared with its sub-users), a live pending signup's, or, since identifiers never collide (SPEC
     * P4.2), an account's or live signup's username; and whether its username is taken, as
     * {@link #usernameTaken} says. One statement, so that every signup reads the same whatever the
     * answers are (SPEC S1).
     */
    public SignupObstacles signupObstacles(String email, String username) {
        return store.read(em -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                            SELECT EXISTS (SELECT 1 FROM email_ban WHERE email_key = ?1),
                                   EXISTS (SELECT 1 FROM account WHERE email_key = ?1 OR username_key = ?1)
                                   OR EXISTS (SELECT 1 FROM pending_signup
                                              WHERE (email_key = ?1 OR username_key = ?1) AND expires_at > now()),
                                   EXISTS (SELECT 1 FROM account WHERE username_key = ?2 OR email_key = ?2)
                                   OR EXISTS (SELECT 1 FROM pending_signup
                                              WHERE (username_key = ?2 OR email_key = ?2) AND expires_at > now())
                            """)
                    .setParameter(1, Identifiers.key(email))
                    .setParameter(2, Identifiers.key(username))
                    .getSingleResult();
            return new SignupObstacles((Boolean) row[0], (Boolean) row[1], (Boolean) row[2]);
        });
    }

    /**
     * Marks the account's address confirmed, if it still is the address the link was sent to.
     *
     * @return false when nothing changed: already confirmed, another address by now, or no such account
     */
    public boolean confirmEmail(UUID id, String email) {
        return store.write(em -> em.createNativeQuery("UPDATE account SET email_confirmed = true"
                                + " WHERE id = ?1 AND email_key = ?2 AND NOT email_confirmed")
                        .setParameter(1, id)
                        .setParameter(2, Identifiers.key(email))
                        .executeUpdate()
                == 1);
    }

    public boolean emailBanned(String email) {
        return store.read(em -> !em.createNativeQuery("SELECT 1 FROM email_ban WHERE email_key = ?1")
                .setParameter(1, Identifiers.key(email))
                .getResultList()
                .isEmpty());
    }

    /** Creates the account of someone whose first login was through the central identity provider. */
    public UUID createCentralAccount(String username, String email, boolean emailConfirmed, String centralSubject) {
        return store.write(em -> (UUID) em.createNativeQuery("""
                        INSERT INTO account (username, username_key, email, email_key, email_confirmed, central_subject)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        RETURNING id
                        """, UUID.class)
                .setParameter(1, username)
                .setParameter(2, Identifiers.key(username))
                .setParameter(3, email)
                .setParameter(4, email == null ? null : Identifiers.key(email))
                .setParameter(5, emailConfirmed)
                .setParameter(6, centralSubject)
                .getSingleResult());
    }

    /**
     * Records the central identity of an account; with {@code removePassword} the legacy hash goes
     * too, since a linked account never logs in with it again (SPEC P1.5).
     */
    public void linkCentral(UUID id, String centralSubject, boolean removePassword) {
        store.write(em -> em.createNativeQuery("""
                        UPDATE account
                        SET central_subject = ?1,
                            password_hash = CASE WHEN ?2 THEN NULL ELSE password_hash END
                        WHERE id = ?3
                        """)
                .setParameter(1, centralSubject)
                .setParameter(2, removePassword)
                .setParameter(3, id)
                .executeUpdate());
    }

    public List<Account> search(AccountSearch search, int first, int max) {
        int offset = Math.max(first, 0);
        int limit = Math.max(max, 0);
        return select(Lookup.of(selectSql(search.whereSql(), "LIMIT " + limit + " OFFSET " + offset)), search.binds());
    }

    public int count(AccountSearch search) {
        Lookup count = Lookup.of("SELECT count(*) FROM account WHERE " + search.whereSql());
        return store.readJdbc(connection -> {
            try (PreparedStatement statement = count.prepare(connection, search.binds());
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    public void updatePasswordHash(UUID id, String passwordHash) {
        store.write(em -> em.createNativeQuery("UPDATE account SET password_hash = ?1 WHERE id = ?2")
                .setParameter(1, passwordHash)
                .setParameter(2, id)
                .executeUpdate());
    }

    /**
     * Every account lookup, over plain JDBC: logins, the token status gate and the Admin API all come
     * here, and an entity manager per read cost Keycloak more than the statement itself.
     */
    private List<Account> select(Lookup lookup, List<Object> binds) {
        return store.readJdbc(connection -> {
            try (PreparedStatement statement = lookup.prepare(connection, binds);
                    ResultSet rows = statement.executeQuery()) {
                List<Account> accounts = new ArrayList<>();
                while (rows.next()) {
                    Object[] row = new Object[ACCOUNT_COLUMNS];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rows.getObject(i + 1);
                    }
                    accounts.add(toAccount(row));
                }
                return accounts;
            }
        });
    }

    /**
     * The lookup statement over the accounts matching {@code where}: {@value #ACCOUNT_COLUMNS}
     * columns per row, in the order {@link #toAccount} reads them.
     */
    static String selectSql(String where, String paging) {
        return SELECT_WITH_EFFECTIVE_STATUS.formatted(
                where,
                paging,
                AccountStatus.severitySql("status"),
                AccountStatus.severitySql("p.status"),
                Subtree.MAX_DEPTH);
    }

    static Account toAccount(Object[] row) {
        return new Account(
                Sql.uuid(row[0]),
                (String) row[1],
                (String) row[2],
                (Boolean) row[3],
                (String) row[4],
                AccountStatus.fromDb((String) row[5]),
                AccountStatus.fromSeverity(((Number) row[6]).intValue()),
                Sql.uuid(row[7]),
                (String) row[8],
                Sql.instant(row[9]),
                Sql.uuid(row[10]),
                row[11] == null
                        ? null
                        : TeammateLevel.ofTeammate((String) row[11]).orElseThrow());
    }
}
