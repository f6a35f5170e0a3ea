package dev.gatehouse.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the statements a server ran since the last reset were, by normalised text (PostgreSQL's
 * {@code pg_stat_statements}: constants become {@code $n}), for one database on it: Keycloak's own,
 * or the account store's. Tests compare two requests' work with it.
 */
public final class StatementStatistics {

    private final PostgresServer server;
    private final String database;
    private boolean extensionCreated;

    StatementStatistics(PostgresServer server, String database) {
        this.server = server;
        this.database = database;
    }

    /** Forgets what ran so far, on the whole server. */
    public void reset() {
        run("SELECT pg_stat_statements_reset()");
    }

    /** Each statement the database ran since the reset, with its number of calls, sorted by text. */
    public Map<String, Long> byText() {
        String sql = """
                SELECT regexp_replace(s.query, '\\s+', ' ', 'g'), s.calls
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = ? AND s.query NOT ILIKE '%pg_stat_statements%'
                """;
        Map<String, Long> statements = new TreeMap<>();
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statements.merge(rows.getString(1), rows.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statements;
    }

    private void run(String sql) {
        try (Connection connection = connection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection to the database, where the statistics' view is created on first use. */
    private synchronized Connection connection() throws SQLException {
        Connection connection = server.dataSource(database).getConnection();
        if (!extensionCreated) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            extensionCreated = true;
        }
        return connection;
    }
}
