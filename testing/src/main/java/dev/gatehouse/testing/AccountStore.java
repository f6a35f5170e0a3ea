package dev.gatehouse.testing;

import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.store.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The Gatehouse account store as tests and the demo see it: a real PostgreSQL database migrated
 * with the migrations that ship in the bundle, plus helpers to arrange accounts and read rows.
 */
public final class AccountStore {

    public static final String DATABASE = "accounts";

    // Cost 4 keeps arranging accounts fast; verification cost follows the stored hash.
    private static final PasswordHasher FIXTURE_HASHER = new PasswordHasher(PasswordHasher.MIN_COST);

    private final PostgresServer server;

    AccountStore(PostgresServer server) {
        this.server = server;
    }

    /** Creates the database and applies every migration under {@code db/gatehouse}. */
    static AccountStore create(PostgresServer server) {
        server.createDatabase(DATABASE);
        Flyway.configure()
                .dataSource(server.jdbcUrl(DATABASE), PostgresServer.USER, PostgresServer.PASSWORD)
                .locations("classpath:db/gatehouse")
                .load()
                .migrate();
        try (Connection connection = server.dataSource(DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new AccountStore(server);
    }

    public PostgresServer server() {
        return server;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    public DataSource dataSource() {
        return server.dataSource(DATABASE);
    }

    /** Starts describing an account to insert; {@link NewAccount#create()} writes it. */
    public NewAccount account(String username) {
        return new NewAccount(this, username);
    }

    public Optional<String> passwordHash(String username) {
        return queryString("SELECT password_hash FROM account WHERE username_key = ?", Identifiers.key(username));
    }

    /**
     * One account row as the store holds it, read by its username key: what ITs assert instead of
     * writing their own SQL.
     */
    public record AccountRow(
            UUID id,
            String username,
            String email,
            boolean emailConfirmed,
            boolean hasPassword,
            String status,
            String statusReason,
            String statusActor,
            UUID parentId,
            String centralSubject) {}

    private static final String ROW_COLUMNS = "id, username, email, email_confirmed, password_hash IS NOT NULL,"
            + " status, status_reason, status_actor, parent_id, central_subject";

    /** The account whose username key is that of {@code username}, if any. */
    public Optional<AccountRow> row(String username) {
        return rowWhere("username_key = ?", Identifiers.key(username));
    }

    /** The account with that id, if any. */
    public Optional<AccountRow> row(UUID id) {
        return rowWhere("id = ?", id);
    }

    /** The account linked to that central identity, if any. */
    public Optional<AccountRow> rowByCentralSubject(String subject) {
        return rowWhere("central_subject = ?", subject);
    }

    /** Puts an address on the ban list, as a ban does (SPEC P7.2). */
    public void banEmail(String email, String reason) {
        execute(
                "INSERT INTO email_ban (email_key, email, reason) VALUES (?, ?, ?)",
                Identifiers.key(email),
                email,
                reason);
    }

    /** The accounts whose e-mail key is that of {@code email}, ordered by username. */
    public java.util.List<AccountRow> rowsByEmail(String email) {
        return rowsWhere("email_key = ? ORDER BY username", Identifiers.key(email));
    }

    /** The account {@code root} and all its descendants (sub-users at any depth), ordered by username. */
    public java.util.List<AccountRow> subtree(UUID root) {
        return rowsWhere(
                "id IN (WITH RECURSIVE tree(id) AS (SELECT ?::uuid UNION ALL"
                        + " SELECT a.id FROM account a JOIN tree t ON a.parent_id = t.id) SELECT id FROM tree)"
                        + " ORDER BY username",
                root);
    }

    /**
     * The account's status audit, oldest first, one {@code old>new/actor/reason/cascaded} line per
     * row (reason empty when none).
     */
    public java.util.List<String> audit(UUID account) {
        String sql = "SELECT old_status || '>' || new_status || '/' || actor || '/' || coalesce(reason, '') || '/'"
                + " || cascaded_count FROM status_audit WHERE account_id = ? ORDER BY id";
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, account);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** A count by a query of the caller's, for rows the readers above do not cover. */
    public long count(String sql, Object... binds) {
        return Long.parseLong(queryString(sql, binds).orElse("0"));
    }

    private Optional<AccountRow> rowWhere(String condition, Object bind) {
        java.util.List<AccountRow> rows = rowsWhere(condition, bind);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private java.util.List<AccountRow> rowsWhere(String condition, Object bind) {
        String sql = "SELECT " + ROW_COLUMNS + " FROM account WHERE " + condition;
        java.util.List<AccountRow> found = new java.util.ArrayList<>();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, bind);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new AccountRow(
                            rows.getObject(1, UUID.class),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getBoolean(4),
                            rows.getBoolean(5),
                            rows.getString(6),
                            rows.getString(7),
                            rows.getString(8),
                            rows.getObject(9, UUID.class),
                            rows.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    public int countAccounts() {
        return Integer.parseInt(queryString("SELECT count(*) FROM account").orElseThrow());
    }

    /** Forgets the statement statistics, so that {@link #statementsSinceReset()} counts from now. */
    public void resetStatementStatistics() {
        execute("SELECT pg_stat_statements_reset()");
    }

    /**
     * Statements run against the store's database since the last reset, by every client but this one.
     * {@code data} leaves out what Keycloak's timers run whatever the requests (the daily billing
     * job's check of its last run, the revocation outbox's retry), so that it counts a request's own.
     */
    public StatementCount statementsSinceReset() {
        String sql = """
                SELECT coalesce(sum(s.calls) FILTER (WHERE s.query ~* '^\\s*(select|with|insert|update|delete)'
                                                       AND s.query !~* '(FROM billing_job_run\\s+WHERE billing_date|FROM revocation_pending\\s+WHERE coalesce)'), 0),
                       coalesce(sum(s.calls), 0)
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = ? AND s.query NOT ILIKE '%pg_stat_statements%'
                """;
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, DATABASE);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new StatementCount(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements since the last reset with their number of calls, most called first. */
    public java.util.Map<String, Long> statementsByText() {
        String sql = """
                SELECT regexp_replace(s.query, '\s+', ' ', 'g'), s.calls
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = ? AND s.query NOT ILIKE '%pg_stat_statements%'
                ORDER BY s.calls DESC
                """;
        java.util.Map<String, Long> statements = new java.util.LinkedHashMap<>();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, DATABASE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(1);
                    statements.put(text.length() > 120 ? text.substring(0, 120) + "…" : text, rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statements;
    }

    /** Data statements (SELECT, INSERT, UPDATE, DELETE) and all statements, transaction control included. */
    public record StatementCount(long data, long all) {}

    /** One statement's figures since the last reset: calls and the database's execution time per call. */
    public record StatementTime(String query, long calls, double meanMillis) {}

    /** The statements since the last reset that took the most execution time in all, at most {@code limit}. */
    public java.util.List<StatementTime> statementTimes(int limit) {
        String sql = """
                SELECT regexp_replace(s.query, '\s+', ' ', 'g'), s.calls, s.mean_exec_time
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = ? AND s.query NOT ILIKE '%pg_stat_statements%'
                ORDER BY s.total_exec_time DESC LIMIT ?
                """;
        java.util.List<StatementTime> times = new java.util.ArrayList<>();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, DATABASE);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(1);
                    times.add(new StatementTime(
                            text.length() > 100 ? text.substring(0, 100) + "…" : text,
                            rows.getLong(2),
                            rows.getDouble(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return times;
    }

    UUID insert(NewAccount account) {
        String sql = """
                INSERT INTO account (username, username_key, email, email_key, email_confirmed, password_hash,
                                     status, parent_id, central_subject, status_reason, status_actor, status_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)
                RETURNING id
                """;
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, account.username);
            statement.setString(2, Identifiers.key(account.username));
            statement.setString(3, account.email);
            statement.setString(4, account.email == null ? null : Identifiers.key(account.email));
            statement.setBoolean(5, account.emailConfirmed);
            statement.setString(
                    6,
                    account.passwordHash != null
                            ? account.passwordHash
                            : account.password == null ? null : FIXTURE_HASHER.hash(account.password));
            statement.setString(7, account.status);
            statement.setObject(8, account.parentId);
            statement.setString(9, account.centralSubject);
            statement.setString(10, account.statusReason);
            statement.setString(11, account.statusReason == null ? null : "system");
            statement.setBoolean(12, account.statusReason != null);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not insert account " + account.username, e);
        }
    }

    public void execute(String sql, Object... binds) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, binds);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> queryString(String sql, Object... binds) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, binds);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object... binds) throws SQLException {
        for (int i = 0; i < binds.length; i++) {
            statement.setObject(i + 1, binds[i]);
        }
    }

    /** An account to insert, described fluently: {@code store.account("ann").password("pw").create()}. */
    public static final class NewAccount {
        private final AccountStore store;
        private final String username;
        private String email;
        private boolean emailConfirmed = true;
        private String password;
        private String passwordHash;
        private String status = "active";
        private String statusReason;
        private UUID parentId;
        private String centralSubject;

        private NewAccount(AccountStore store, String username) {
            this.store = store;
            this.username = username;
        }

        public NewAccount email(String email) {
            this.email = email;
            return this;
        }

        public NewAccount emailUnconfirmed() {
            this.emailConfirmed = false;
            return this;
        }

        public NewAccount password(String password) {
            this.password = password;
            return this;
        }

        /** A hash computed elsewhere, such as a legacy system's or one of a chosen cost. */
        public NewAccount passwordHash(String passwordHash) {
            this.passwordHash = passwordHash;
            return this;
        }

        public NewAccount status(String status, String reason) {
            this.status = status;
            this.statusReason = reason;
            return this;
        }

        public NewAccount parent(UUID parentId) {
            this.parentId = parentId;
            return this;
        }

        public NewAccount centralSubject(String subject) {
            this.centralSubject = subject;
            return this;
        }

        public UUID create() {
            return store.insert(this);
        }
    }
}
