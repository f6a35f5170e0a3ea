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
    private final StatementStatistics statements;

    AccountStore(PostgresServer server) {
        this.server = server;
        this.statements = new StatementStatistics(server, DATABASE);
    }

    /** The store database's statement statistics (pg_stat_statements). */
    public StatementStatistics statements() {
        return statements;
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
        return strings(
                "SELECT old_status || '>' || new_status || '/' || actor || '/' || coalesce(reason, '') || '/'"
                        + " || cascaded_count FROM status_audit WHERE account_id = ? ORDER BY id",
                account);
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
        return query(
                "SELECT " + ROW_COLUMNS + " FROM account WHERE " + condition,
                rows -> new AccountRow(
                        rows.getObject(1, UUID.class),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getBoolean(4),
                        rows.getBoolean(5),
                        rows.getString(6),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getObject(9, UUID.class),
                        rows.getString(10)),
                bind);
    }

    /** Reads one value of a result row. */
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row of a query, each read by {@code reader}. */
    private <T> java.util.List<T> query(String sql, RowReader<T> reader, Object... binds) {
        java.util.List<T> found = new java.util.ArrayList<>();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, binds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The stored password hash of the account with that id, empty when it has none. */
    public Optional<String> passwordHash(UUID id) {
        return queryString("SELECT password_hash FROM account WHERE id = ?", id);
    }

    /** Every account whose username starts with {@code prefix + "-"}, ordered by username. */
    public java.util.List<AccountRow> rowsWithPrefix(String prefix) {
        return rowsWhere("username_key LIKE ? ORDER BY username", Identifiers.key(prefix) + "-%");
    }

    /**
     * Writes a status straight into the store, behind Keycloak's back (no cascade, no audit, no
     * session revocation): what another writer of the shared store, or a ban's store step alone, leaves.
     */
    public void writeStatus(UUID id, String status, String reason) {
        execute("UPDATE account SET status = ?, status_reason = ? WHERE id = ?", status, reason, id);
    }

    /**
     * {@code count} top-level accounts {@code <prefix>-1} … {@code <prefix>-<count>}, each with the
     * address {@code <username>@it.test} and no password, in one statement.
     */
    public void bulkAccounts(String prefix, int count) {
        execute(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed)"
                        + " SELECT ? || '-' || g, ? || '-' || g, ? || '-' || g || '@it.test',"
                        + " ? || '-' || g || '@it.test', true FROM generate_series(1, ?) g",
                prefix,
                Identifiers.key(prefix),
                prefix,
                Identifiers.key(prefix),
                count);
    }

    /** Pending signups (not yet confirmed) whose username key is that of {@code username}. */
    public long pendingSignups(String username) {
        return count("SELECT count(*) FROM pending_signup WHERE username_key = ?", Identifiers.key(username));
    }

    /** Pending signups whose e-mail key is that of {@code email}. */
    public long pendingSignupsForEmail(String email) {
        return count("SELECT count(*) FROM pending_signup WHERE email_key = ?", Identifiers.key(email));
    }

    /** The outcomes of the refused signups recorded for {@code email}'s key (not yet purged), oldest first. */
    public java.util.List<String> refusedSignups(String email) {
        return strings("SELECT outcome FROM signup_attempt WHERE email_key = ? ORDER BY id", Identifiers.key(email));
    }

    /** The account's activity entries of one action, oldest first, as {@code actor:detail}. */
    public java.util.List<String> activity(UUID account, String action) {
        return strings(
                "SELECT actor || ':' || coalesce(detail, '') FROM account_activity WHERE account_id = ? AND action = ?"
                        + " ORDER BY id",
                account,
                action);
    }

    /** One API key row; {@code text} is the whole row as PostgreSQL prints it. */
    public record ApiKeyRow(
            String id,
            UUID accountId,
            String name,
            String secretHashHex,
            boolean revoked,
            String lastUsedAt,
            boolean usedInLastMinute,
            String rowVersion,
            String text) {}

    private static final String API_KEY_COLUMNS = "id, account_id, name, encode(secret_hash, 'hex'),"
            + " revoked_at IS NOT NULL, last_used_at::text, coalesce(last_used_at > now() - interval '1 minute', false),"
            + " xmin::text, k::text";

    /** The API key with that id, if any. */
    public Optional<ApiKeyRow> apiKey(String id) {
        java.util.List<ApiKeyRow> keys = apiKeysWhere("id = ?", id);
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    /** The account's API keys, revoked ones included, oldest first. */
    public java.util.List<ApiKeyRow> apiKeys(UUID account) {
        return apiKeysWhere("account_id = ? ORDER BY created_at, id", account);
    }

    private java.util.List<ApiKeyRow> apiKeysWhere(String condition, Object bind) {
        return query(
                "SELECT " + API_KEY_COLUMNS + " FROM api_key k WHERE " + condition,
                rows -> new ApiKeyRow(
                        rows.getString(1),
                        rows.getObject(2, UUID.class),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getBoolean(5),
                        rows.getString(6),
                        rows.getBoolean(7),
                        rows.getString(8),
                        rows.getString(9)),
                bind);
    }

    /** An API key row with a secret hash computed by the caller, as the demo seeds keys. */
    public void insertApiKey(String id, UUID account, String name, byte[] secretHash) {
        execute(
                "INSERT INTO api_key (id, account_id, name, secret_hash) VALUES (?, ?, ?, ?)",
                id,
                account,
                name,
                secretHash);
    }

    /** Deletes an API key row, as a ban's store step does. */
    public void deleteApiKey(String id) {
        execute("DELETE FROM api_key WHERE id = ?", id);
    }

    /** Moves the key's expiry into the past. */
    public void expireApiKey(String id) {
        execute("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ?", id);
    }

    /** Moves the key's last use {@code ago} into the past. */
    public void backdateApiKeyUse(String id, java.time.Duration ago) {
        execute(
                "UPDATE api_key SET last_used_at = now() - make_interval(secs => ?) WHERE id = ?",
                (double) ago.toSeconds(),
                id);
    }

    /** Teammate rows (invitations and members) of the team of {@code owner}. */
    public long teammates(UUID owner) {
        return count("SELECT count(*) FROM teammate WHERE account_id = ?", owner);
    }

    /** The level of one teammate row, if it exists. */
    public Optional<String> teammateLevel(UUID teammate) {
        return queryString("SELECT level FROM teammate WHERE id = ?", teammate);
    }

    /** Makes {@code member} a teammate of {@code owner}'s team at {@code level}, as if it had accepted. */
    public void addTeammate(UUID owner, UUID member, String email, String level) {
        execute(
                "INSERT INTO teammate (account_id, member_id, invite_email, invite_email_key, level, invited_by,"
                        + " accepted_at) VALUES (?, ?, ?, ?, ?, 'it', now())",
                owner,
                member,
                email,
                Identifiers.key(email),
                level);
    }

    /** Revocations of the account still pending in the outbox. */
    public long pendingRevocations(UUID account) {
        return count("SELECT count(*) FROM revocation_pending WHERE account_id = ?", account);
    }

    /** Queues a revocation of the account for {@code status} in the outbox, as a status change whose session step failed. */
    public void queueRevocation(UUID account, String status) {
        execute(
                "INSERT INTO revocation_pending (account_id, status, version)"
                        + " VALUES (?, ?, nextval('revocation_pending_version'))",
                account,
                status);
    }

    /** The store's current date (the billing job's calendar, whatever the test machine's zone). */
    public java.time.LocalDate today() {
        return java.time.LocalDate.parse(
                queryString("SELECT CAST(current_date AS text)").orElseThrow());
    }

    /** An unpaid invoice of the month of {@code period}; returns its id. */
    public long invoice(UUID account, java.time.LocalDate period, String amountDue, java.time.LocalDate dueDate) {
        return Long.parseLong(queryString(
                        "INSERT INTO bill_run (account_id, period, amount_due, due_date) VALUES (?, ?, ?, ?)"
                                + " RETURNING id::text",
                        account,
                        period.withDayOfMonth(1),
                        new java.math.BigDecimal(amountDue),
                        dueDate)
                .orElseThrow());
    }

    /** Marks the invoice paid. */
    public void pay(long invoice) {
        execute("UPDATE bill_run SET paid_at = now() WHERE id = ?", invoice);
    }

    /**
     * An unpaid invoice of {@code period} for every account {@code <prefix>-…}, each warned already
     * at {@code warnedOffset} days but the first {@code notWarned} (by invoice id).
     */
    public void delinquents(
            String prefix,
            java.time.LocalDate period,
            String amountDue,
            java.time.LocalDate dueDate,
            int warnedOffset,
            int notWarned) {
        String accounts = Identifiers.key(prefix) + "-%";
        execute(
                "INSERT INTO bill_run (account_id, period, amount_due, due_date) SELECT id, ?, ?, ?"
                        + " FROM account WHERE username_key LIKE ?",
                period.withDayOfMonth(1),
                new java.math.BigDecimal(amountDue),
                dueDate,
                accounts);
        execute(
                "INSERT INTO billing_warning (bill_run_id, offset_days) SELECT b.id, ? FROM bill_run b"
                        + " JOIN account a ON a.id = b.account_id WHERE a.username_key LIKE ? ORDER BY b.id OFFSET ?",
                warnedOffset,
                accounts,
                notWarned);
    }

    /** The days after the due date on which the invoice's warnings went out, ascending. */
    public java.util.List<Integer> warningOffsets(long invoice) {
        return strings("SELECT offset_days FROM billing_warning WHERE bill_run_id = ? ORDER BY 1", invoice).stream()
                .map(Integer::valueOf)
                .toList();
    }

    /** Recorded runs of the daily billing job for that date, of any trigger, finished or not. */
    public long billingRuns(java.time.LocalDate date) {
        return count("SELECT count(*) FROM billing_job_run WHERE billing_date = ?", date);
    }

    /** Finished runs of the daily billing job for that date that its schedule started. */
    public long scheduledBillingRuns(java.time.LocalDate date) {
        return count(
                "SELECT count(*) FROM billing_job_run WHERE billing_date = ? AND trigger = 'scheduled'"
                        + " AND finished_at IS NOT NULL",
                date);
    }

    /** Forgets the record of the job's runs for that date, so that the job sees that day not yet done. */
    public void forgetBillingRuns(java.time.LocalDate date) {
        execute("DELETE FROM billing_job_run WHERE billing_date = ?", date);
    }

    /** Sessions of the store's database waiting for a row lock in a statement containing {@code fragment}. */
    public long lockWaits(String fragment) {
        return count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'"
                        + " AND query ILIKE ?",
                DATABASE,
                "%" + fragment + "%");
    }

    /** Two-phase transactions prepared and neither committed nor rolled back. */
    public long preparedTransactions() {
        return count("SELECT count(*) FROM pg_prepared_xacts");
    }

    /**
     * A digest of every row of each named store table, {@code table=md5} separated by spaces: equal
     * fingerprints, no row changed.
     */
    public String fingerprint(String... tables) {
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            if (!table.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
            all.append(table)
                    .append('=')
                    .append(queryString("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                                    + table + " t")
                            .orElse(""))
                    .append(' ');
        }
        return all.toString();
    }

    /** Every row of each named store table as PostgreSQL prints it, one per line. */
    public String dump(String... tables) {
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            if (!table.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
            strings("SELECT t::text FROM " + table + " t")
                    .forEach(row -> all.append(row).append('\n'));
        }
        return all.toString();
    }

    private java.util.List<String> strings(String sql, Object... binds) {
        return query(sql, rows -> rows.getString(1), binds);
    }

    public int countAccounts() {
        return Integer.parseInt(queryString("SELECT count(*) FROM account").orElseThrow());
    }

    /** Forgets the statement statistics, so that {@link #statementsSinceReset()} counts from now. */
    public void resetStatementStatistics() {
        statements.reset();
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

    /** The statements since the last reset with their number of calls, most called first, abbreviated. */
    public java.util.Map<String, Long> statementsByText() {
        java.util.Map<String, Long> abbreviated = new java.util.LinkedHashMap<>();
        statements.byText().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(statement -> abbreviated.merge(
                        statement.getKey().length() > 120
                                ? statement.getKey().substring(0, 120) + "…"
                                : statement.getKey(),
                        statement.getValue(),
                        Long::sum));
        return abbreviated;
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
