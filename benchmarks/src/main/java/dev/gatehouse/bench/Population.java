package dev.gatehouse.bench;

import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.store.PasswordHasher;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.SecondFactorSeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The store accounts the bench runs against, written set-based: the main population
 * ({@code bench-000001} …, one {@code INSERT … SELECT generate_series}), ban trees, and the load
 * run's accounts with their API keys. Every account of a population shares one password, hashed
 * once at the product realm's bcrypt cost, so that logins cost what they cost in production.
 */
final class Population {

    static final String PASSWORD = "bench-pass";
    static final String PREFIX = "bench-";
    static final String TOTP_PREFIX = "bench-otp";

    private final AccountStore store;
    private final String passwordHash;
    private final ApiKeyFormat keys = new ApiKeyFormat(ApiKeyFormat.DEFAULT_PREFIX);

    Population(AccountStore store, int bcryptCost) {
        this.store = store;
        this.passwordHash = new PasswordHasher(bcryptCost).hash(PASSWORD);
    }

    /** {@code bench-000001} to {@code bench-<count>}, active, e-mail confirmed, top-level. */
    void seedMain(int count) {
        store.execute(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed, password_hash)"
                        + " SELECT n, n, n || '@bench.test', n || '@bench.test', true, ?"
                        + " FROM (SELECT ? || lpad(g::text, 6, '0') AS n FROM generate_series(1, ?) g) names",
                passwordHash,
                PREFIX,
                count);
    }

    /**
     * Accounts of the enumeration phase, {@code <prefix>-00001} to {@code <prefix>-<count>}, each
     * with the address {@code <name>@probe.test}: active and e-mail confirmed with the population's
     * password, or linked to a central identity and without a password.
     */
    void seedProbes(String prefix, int count, boolean linked) {
        store.execute(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed, password_hash,"
                        + " central_subject) SELECT n, n, n || '@probe.test', n || '@probe.test', true,"
                        + " CASE WHEN ? THEN NULL ELSE ? END, CASE WHEN ? THEN 'bench-central-' || n END"
                        + " FROM (SELECT ? || '-' || lpad(g::text, 5, '0') AS n FROM generate_series(1, ?) g) names",
                linked,
                passwordHash,
                linked,
                prefix,
                count);
    }

    /** The addresses {@code <prefix>-00001@probe.test} … on the ban list. */
    void banProbeAddresses(String prefix, int count) {
        store.execute(
                "INSERT INTO email_ban (email_key, email, reason) SELECT a, a, 'bench'"
                        + " FROM (SELECT ? || '-' || lpad(g::text, 5, '0') || '@probe.test' AS a"
                        + " FROM generate_series(1, ?) g) addresses",
                prefix,
                count);
    }

    /**
     * {@code bench-otp-00001} …: accounts as {@link #seedProbes} makes them, each given a TOTP
     * credential through Keycloak's admin API (RFC 6238's test key), as an admin would.
     */
    List<String> seedTotp(SecondFactorSeed seed, int count) {
        seedProbes(TOTP_PREFIX, count, false);
        List<String> usernames = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            String username = probeName(TOTP_PREFIX, number);
            seed.totp(username, SecondFactorSeed.RFC6238_SECRET);
            usernames.add(username);
        }
        return usernames;
    }

    static String probeName(String prefix, int number) {
        return prefix + "-" + String.format("%05d", number);
    }

    static String mainUsername(int number) {
        return PREFIX + String.format("%06d", number);
    }

    /** A parent with {@code size} sub-users under it; the parent's id. */
    UUID seedTree(String prefix, int size) {
        UUID parent = store.account(prefix + "-parent")
                .email(prefix + "@bench.test")
                .passwordHash(passwordHash)
                .create();
        store.execute(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed, password_hash,"
                        + " parent_id) SELECT ? || g, ? || g, ? || g || '@bench.test', ? || g || '@bench.test', true, ?, ?"
                        + " FROM generate_series(1, ?) g",
                prefix + "-",
                prefix + "-",
                prefix + "-",
                prefix + "-",
                passwordHash,
                parent,
                size);
        return parent;
    }

    /** An account of the load run: its id, username, parent (null for a top-level one) and API key. */
    record LoadAccount(UUID id, String username, UUID parentId, String apiKey) {}

    /**
     * {@code count} top-level accounts {@code load-00001} …, every tenth with two sub-users
     * ({@code load-00010-s1}, {@code -s2}), each account with an API key.
     */
    List<LoadAccount> seedLoad(int count) {
        store.execute(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed, password_hash)"
                        + " SELECT n, n, n || '@load.test', n || '@load.test', true, ?"
                        + " FROM (SELECT 'load-' || lpad(g::text, 5, '0') AS n FROM generate_series(1, ?) g) names",
                passwordHash,
                count);
        store.execute(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed, password_hash,"
                        + " parent_id) SELECT p.username || s, p.username || s, p.email, p.email_key, true, ?, p.id"
                        + " FROM account p CROSS JOIN (VALUES ('-s1'), ('-s2')) subs(s)"
                        + " WHERE p.username LIKE 'load-%' AND p.parent_id IS NULL AND right(p.username, 1) = '0'",
                passwordHash);
        List<LoadAccount> accounts = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT id, username, parent_id FROM account WHERE username LIKE 'load-%' ORDER BY username");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.add(new LoadAccount(
                            rows.getObject(1, UUID.class), rows.getString(2), rows.getObject(3, UUID.class), null));
                }
            }
            return withKeys(connection, accounts);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One API key per account, inserted in a JDBC batch as the Admin API would store it. */
    private List<LoadAccount> withKeys(Connection connection, List<LoadAccount> accounts) throws SQLException {
        List<LoadAccount> keyed = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO api_key (id, account_id, name, secret_hash) VALUES (?, ?, 'bench', ?)")) {
            for (LoadAccount account : accounts) {
                ApiKeyFormat.Generated key = keys.generate();
                insert.setString(1, key.keyId());
                insert.setObject(2, account.id());
                insert.setBytes(3, key.secretHash());
                insert.addBatch();
                keyed.add(new LoadAccount(account.id(), account.username(), account.parentId(), key.key()));
            }
            insert.executeBatch();
        }
        return keyed;
    }

    /** A username with the full API key it was given. */
    record Keyed(String username, String apiKey) {}

    /** An API key for each of the first {@code count} main accounts, for the key-check throughput. */
    List<Keyed> keysForMain(int count) {
        List<Keyed> keyed = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO api_key (id, account_id, name, secret_hash)"
                                + " SELECT ?, id, 'bench', ? FROM account WHERE username_key = ?")) {
            for (int number = 1; number <= count; number++) {
                ApiKeyFormat.Generated key = keys.generate();
                insert.setString(1, key.keyId());
                insert.setBytes(2, key.secretHash());
                insert.setString(3, mainUsername(number));
                insert.addBatch();
                keyed.add(new Keyed(mainUsername(number), key.key()));
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return keyed;
    }

    /** When the store's audit says each load account was banned (the ban transaction's time), epoch ms. */
    Map<UUID, Long> loadBansAudited() {
        Map<UUID, Long> banned = new HashMap<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT s.account_id, (extract(epoch FROM min(s.created_at)) * 1000)::bigint"
                                + " FROM status_audit s JOIN account a ON a.id = s.account_id"
                                + " WHERE s.new_status = 'banned' AND a.username LIKE 'load-%' GROUP BY s.account_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                banned.put(rows.getObject(1, UUID.class), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return banned;
    }
}
