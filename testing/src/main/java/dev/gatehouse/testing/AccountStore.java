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
