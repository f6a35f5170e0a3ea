package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Migrate, the bundle's own migration command")
class MigrateDbTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int migrate(Map<String, String> env, String... args) {
        return Migrate.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                0);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String emptyStore() {
        return StoreDb.shared().createDatabase(StoreDb.unique("migrate").replace('-', '_'));
    }

    @Nested
    @DisplayName("on an empty store")
    class EmptyStore {

        @Test
        @DisplayName("applies every migration up to the version the JAR expects, then nothing on a second run")
        void appliesOnce() throws SQLException {
            String url = emptyStore();
            String[] args = {"--url", url, "--user", StoreDb.USER, "--password", StoreDb.PASSWORD};

            assertThat(migrate(Map.of(), args)).isZero();
            assertThat(out())
                    .startsWith("gatehouse migrate: applied ")
                    .contains("schema version " + StoreMigrations.EXPECTED + " (current)");
            assertThat(highestVersion(url)).isEqualTo(StoreMigrations.EXPECTED);
            long rows = historyRows(url);

            out.reset();
            assertThat(migrate(Map.of(), args)).isZero();
            assertThat(out())
                    .isEqualTo("gatehouse migrate: nothing to apply; schema version " + StoreMigrations.EXPECTED
                            + " (current)" + System.lineSeparator());
            assertThat(historyRows(url)).isEqualTo(rows);
            assertThat(err()).isEmpty();
        }

        @Test
        @DisplayName("runs the Java migration V7 as well as the SQL files")
        void javaMigration() throws SQLException {
            String url = emptyStore();

            assertThat(migrate(Map.of(), "--url=" + url, "--user=" + StoreDb.USER, "--password=" + StoreDb.PASSWORD))
                    .isZero();

            try (Connection connection = DriverManager.getConnection(url, StoreDb.USER, StoreDb.PASSWORD);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT type FROM flyway_schema_history WHERE version = '7' AND success")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("JDBC");
            }
        }

        @Test
        @DisplayName("takes the connection from the variables Keycloak reads for the accounts datasource")
        void environment() throws SQLException {
            String url = emptyStore();

            int status = migrate(Map.of(
                    "KC_DB_URL_FULL_ACCOUNTS", url,
                    "KC_DB_USERNAME_ACCOUNTS", StoreDb.USER,
                    "KC_DB_PASSWORD_ACCOUNTS", StoreDb.PASSWORD));

            assertThat(status).isZero();
            assertThat(highestVersion(url)).isEqualTo(StoreMigrations.EXPECTED);
        }
    }

    @Nested
    @DisplayName("refuses with one line and no stack trace")
    class Refusals {

        @Test
        @DisplayName("a missing option, with the usage")
        void missingOption() {
            assertThat(migrate(Map.of(), "--url", "jdbc:postgresql://localhost/accounts", "--user", "gatehouse"))
                    .isEqualTo(Migrate.USAGE);
            assertThat(err())
                    .startsWith("gatehouse migrate: --password (or KC_DB_PASSWORD_ACCOUNTS) is missing")
                    .contains("usage: ")
                    .doesNotContain("Exception", "\tat ");
            assertThat(out()).isEmpty();
        }

        @Test
        @DisplayName("a URL that is not PostgreSQL's")
        void notPostgres() {
            assertThat(migrate(Map.of(), "--url", "jdbc:mysql://localhost/accounts", "--user", "a", "--password", "b"))
                    .isEqualTo(Migrate.USAGE);
            assertThat(err()).startsWith("gatehouse migrate: --url must be a PostgreSQL JDBC URL");
        }

        @Test
        @DisplayName("an unknown option")
        void unknownOption() {
            assertThat(migrate(Map.of(), "--schema", "public")).isEqualTo(Migrate.USAGE);
            assertThat(err()).startsWith("gatehouse migrate: unknown option --schema");
        }

        @Test
        @DisplayName("a database that does not exist, as a failure naming it")
        void missingDatabase() {
            String name = StoreDb.unique("present").replace('-', '_');
            String url = StoreDb.shared().createDatabase(name).replace(name, name + "_absent");

            assertThat(migrate(Map.of(), "--url", url, "--user", StoreDb.USER, "--password", StoreDb.PASSWORD))
                    .isEqualTo(Migrate.FAILED);
            assertThat(err().lines()).hasSize(1);
            assertThat(err())
                    .startsWith("gatehouse migrate: failed: ")
                    .contains("_absent")
                    .doesNotContain("\tat ");
        }
    }

    private static int highestVersion(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, StoreDb.USER, StoreDb.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT max(CAST(version AS integer)) FROM flyway_schema_history WHERE success")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long historyRows(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, StoreDb.USER, StoreDb.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
