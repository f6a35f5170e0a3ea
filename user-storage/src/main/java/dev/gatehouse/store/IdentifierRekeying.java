package dev.gatehouse.store;

import dev.gatehouse.domain.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Gives every stored identifier the key {@link Identifiers#key} computes today, and reports in
 * {@code identifier_collision} the accounts whose identifiers collide once re-keyed, without merging
 * them (SPEC P4.1, P4.2). The Flyway migration {@code V7__Identifier_keys} runs it in the
 * migration's transaction. Running it again writes only stale keys and reports each collision once.
 *
 * <p>Two accounts whose usernames share a key: the one whose key does not change keeps it (its
 * logins keep working), otherwise the oldest; the others get no username key, so their username
 * resolves to nobody else's account and theirs logs in by e-mail until an admin renames one. A
 * username equal to another account's address is reported only, since usernames resolve first.
 * Pending signups that collide are deleted (they confirm nothing any more) and reported.
 */
public final class IdentifierRekeying {

    static final String KEPT = "kept-username";
    static final String WITHHELD = "username-withheld";
    static final String REPORTED = "reported";
    static final String SIGNUP_DELETED = "signup-deleted";

    private final Connection connection;

    public IdentifierRekeying(Connection connection) {
        this.connection = connection;
    }

    /** Re-keys and reports; the number of collision rows it added to the report. */
    public int run() throws SQLException {
        int reported = rekeyUsernames();
        rekeyColumn("account", "id", "email", "email_key");
        reported += rekeyPendingSignups();
        rekeyEmailBans();
        rekeyInvitations();
        reported += reportUsernameAddressClashes();
        return reported;
    }

    private int rekeyUsernames() throws SQLException {
        List<Keyed> rows =
                load("SELECT id, username, username_key, created_at FROM account ORDER BY created_at, id", false);
        Map<String, List<Keyed>> byKey = group(rows);
        List<Keyed> changes = new ArrayList<>();
        List<Object[]> report = new ArrayList<>();
        for (Map.Entry<String, List<Keyed>> group : byKey.entrySet()) {
            List<Keyed> members = group.getValue();
            Keyed winner = members.stream()
                    .filter(row -> group.getKey().equals(row.oldKey()))
                    .findFirst()
                    .orElse(members.get(0));
            for (Keyed row : members) {
                String target = row == winner ? group.getKey() : null;
                if (!Objects.equals(target, row.oldKey())) {
                    changes.add(row.withNewKey(target));
                }
                if (members.size() > 1) {
                    report.add(reportRow("username", group.getKey(), "account", row, row == winner ? KEPT : WITHHELD));
                }
            }
        }
        // Clear first, then set: a key moving from one row to another never meets itself in the unique index.
        updateKeys(
                "account",
                "id",
                "username_key",
                changes.stream().map(row -> row.withNewKey(null)).toList());
        updateKeys(
                "account",
                "id",
                "username_key",
                changes.stream().filter(row -> row.newKey() != null).toList());
        return insertReport(report);
    }

    private int rekeyPendingSignups() throws SQLException {
        List<Keyed> rows =
                load("SELECT id, username, username_key, created_at FROM pending_signup ORDER BY created_at, id", true);
        List<Object[]> report = new ArrayList<>();
        List<Keyed> doomed = new ArrayList<>();
        for (List<Keyed> members : group(rows).values()) {
            for (Keyed row : members.subList(1, members.size())) {
                doomed.add(row);
                report.add(reportRow("pending-signup", row.newKey(), "pending_signup", row, SIGNUP_DELETED));
            }
        }
        deleteByIds("pending_signup", doomed);
        Set<UUID> doomedIds = new HashSet<>();
        doomed.forEach(row -> doomedIds.add(row.id()));
        List<Keyed> kept =
                rows.stream().filter(row -> !doomedIds.contains(row.id())).toList();
        updateKeys(
                "pending_signup",
                "id",
                "username_key",
                kept.stream().filter(Keyed::changed).toList());
        rekeyColumn("pending_signup", "id", "email", "email_key");
        int reported = insertReport(report);
        // A signup whose username is an account's username or address, or whose address is an
        // account's username, would create a second owner of that identifier on confirmation.
        try (Statement statement = connection.createStatement()) {
            reported += statement.executeUpdate("""
                    WITH doomed AS (
                        DELETE FROM pending_signup p
                        WHERE EXISTS (SELECT 1 FROM account a
                                      WHERE a.username_key IN (p.username_key, p.email_key)
                                         OR a.email_key = p.username_key)
                        RETURNING id, username, email, username_key
                    )
                    INSERT INTO identifier_collision (kind, key, record, record_id, username, email, resolution)
                    SELECT 'pending-signup', username_key, 'pending_signup', id, username, email, 'signup-deleted'
                    FROM doomed
                    ON CONFLICT (kind, key, record_id) DO NOTHING
                    """);
        }
        return reported;
    }

    /** The ban list's key is its primary key: bans whose addresses now share a key become one. */
    private void rekeyEmailBans() throws SQLException {
        List<String[]> bans = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT email_key, email FROM email_ban ORDER BY banned_at")) {
            while (rs.next()) {
                bans.add(new String[] {rs.getString(1), Identifiers.key(rs.getString(2))});
            }
        }
        Map<String, String> keeper = new LinkedHashMap<>();
        bans.stream().filter(ban -> ban[0].equals(ban[1])).forEach(ban -> keeper.put(ban[1], ban[0]));
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM email_ban WHERE email_key = ?");
                PreparedStatement update =
                        connection.prepareStatement("UPDATE email_ban SET email_key = ? WHERE email_key = ?")) {
            for (String[] ban : bans) {
                if (ban[0].equals(ban[1])) {
                    continue;
                }
                if (keeper.putIfAbsent(ban[1], ban[0]) != null) {
                    delete.setString(1, ban[0]);
                    delete.addBatch();
                } else {
                    update.setString(1, ban[1]);
                    update.setString(2, ban[0]);
                    update.addBatch();
                }
            }
            delete.executeBatch();
            update.executeBatch();
        }
    }

    /** Open invitations of one team to addresses that now share a key: the oldest stays. */
    private void rekeyInvitations() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX IF EXISTS teammate_pending_invite_idx");
            rekeyColumn("teammate", "id", "invite_email", "invite_email_key");
            statement.execute("""
                    DELETE FROM teammate t
                    WHERE t.member_id IS NULL AND EXISTS (
                        SELECT 1 FROM teammate o
                        WHERE o.member_id IS NULL AND o.account_id = t.account_id
                          AND o.invite_email_key = t.invite_email_key
                          AND (o.created_at, o.id) < (t.created_at, t.id))
                    """);
            statement.execute("CREATE UNIQUE INDEX teammate_pending_invite_idx"
                    + " ON teammate (account_id, invite_email_key) WHERE member_id IS NULL");
        }
    }

    /** A username equal to another account's address: both accounts, once per key. */
    private int reportUsernameAddressClashes() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("""
                    WITH clash AS (
                        SELECT DISTINCT u.username_key AS key
                        FROM account u JOIN account e ON e.email_key = u.username_key AND e.id <> u.id
                    )
                    INSERT INTO identifier_collision (kind, key, record, record_id, username, email, resolution)
                    SELECT 'username-email', c.key, 'account', a.id, a.username, a.email,
                           CASE WHEN a.username_key = c.key THEN 'kept-username' ELSE 'reported' END
                    FROM clash c JOIN account a ON a.username_key = c.key OR a.email_key = c.key
                    ON CONFLICT (kind, key, record_id) DO NOTHING
                    """);
        }
    }

    /** Recomputes a key column that no unique index covers, from the column it keys. */
    private void rekeyColumn(String table, String idColumn, String column, String keyColumn) throws SQLException {
        List<Keyed> changed = new ArrayList<>();
        String sql =
                "SELECT %s, %s, %s FROM %s WHERE %s IS NOT NULL".formatted(idColumn, column, keyColumn, table, column);
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Keyed row = Keyed.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), null);
                if (row.changed()) {
                    changed.add(row);
                }
            }
        }
        updateKeys(table, idColumn, keyColumn, changed);
    }

    private List<Keyed> load(String sql, boolean withEmail) throws SQLException {
        List<Keyed> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(Keyed.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4)));
            }
        }
        if (withEmail) {
            // Pending signups are reported with their address too.
            Map<UUID, String> emails = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT id, email FROM pending_signup")) {
                while (rs.next()) {
                    emails.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            rows.replaceAll(row -> row.withEmail(emails.get(row.id())));
        }
        return rows;
    }

    private static Map<String, List<Keyed>> group(List<Keyed> rows) {
        Map<String, List<Keyed>> byKey = new LinkedHashMap<>();
        rows.stream()
                .sorted(Comparator.comparing(Keyed::created).thenComparing(Keyed::id))
                .forEach(row -> byKey.computeIfAbsent(row.newKey(), key -> new ArrayList<>())
                        .add(row));
        return byKey;
    }

    private void updateKeys(String table, String idColumn, String keyColumn, List<Keyed> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "UPDATE %s SET %s = ? WHERE %s = ?".formatted(table, keyColumn, idColumn);
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (Keyed row : rows) {
                update.setString(1, row.newKey());
                update.setObject(2, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private void deleteByIds(String table, List<Keyed> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        // Plain JDBC only: Flyway runners have no JPA on their class path (see V7__Identifier_keys).
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
            delete.setArray(
                    1,
                    connection.createArrayOf(
                            "uuid", rows.stream().map(Keyed::id).toArray()));
            delete.executeUpdate();
        }
    }

    private static Object[] reportRow(String kind, String key, String record, Keyed row, String resolution) {
        return new Object[] {kind, key, record, row.id(), row.text(), row.email(), resolution};
    }

    private int insertReport(List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        int added = 0;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO identifier_collision (kind, key, record, record_id, username, email, resolution)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, key, record_id) DO NOTHING
                """)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    insert.setObject(i + 1, row[i]);
                }
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                added += Math.max(count, 0);
            }
        }
        return added;
    }

    /** A stored identifier with its key as stored and as computed now. */
    private record Keyed(UUID id, String text, String oldKey, Timestamp created, String email, String newKey) {

        static Keyed of(UUID id, String text, String oldKey, Timestamp created) {
            return new Keyed(id, text, oldKey, created, null, Identifiers.key(text));
        }

        boolean changed() {
            return !Objects.equals(newKey, oldKey);
        }

        Keyed withNewKey(String key) {
            return new Keyed(id, text, oldKey, created, email, key);
        }

        Keyed withEmail(String address) {
            return new Keyed(id, text, oldKey, created, address, newKey);
        }
    }
}
