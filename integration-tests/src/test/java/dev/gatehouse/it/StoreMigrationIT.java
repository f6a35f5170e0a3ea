package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.PostgresServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store's migrations from the bundle JAR alone (issue 18): the command an admin runs, with the
 * JAR and Keycloak's own PostgreSQL driver, and the {@code migrate-on-start} option the harness
 * starts Keycloak with.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("The account store's migrations from the bundle JAR")
class StoreMigrationIT {

    private static final String EXPECTED = "11";

    private final GatehouseEnvironment env;

    StoreMigrationIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("Keycloak started with migrate-on-start found the store current and says so in server info")
    void migrateOnStart() {
        // It runs just after the start, once Keycloak has set the accounts datasource up.
        String outcome = "";
        for (int attempt = 0; attempt < 60 && !outcome.startsWith("nothing to apply"); attempt++) {
            outcome = env.admin()
                    .json("/serverinfo")
                    .at("/providers/storage/providers/gatehouse-accounts/operationalInfo/schemaMigrateOnStart")
                    .asText();
            if (!outcome.startsWith("nothing to apply")) {
                pause();
            }
        }

        assertThat(outcome).isEqualTo("nothing to apply; schema version " + EXPECTED + " (current)");
    }

    @Test
    @DisplayName("java -cp gatehouse.jar:<Keycloak's driver> dev.gatehouse.store.Migrate migrates an empty store once")
    void commandLine() throws Exception {
        PostgresServer server = env.store().server();
        String database = "migrate_" + UUID.randomUUID().toString().substring(0, 8);
        server.createDatabase(database);
        String url = server.jdbcUrl(database);

        Run first = migrate(url);
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output())
                .startsWith("gatehouse migrate: applied ")
                .endsWith("schema version " + EXPECTED + " (current)");
        assertThat(highestVersion(server, database)).isEqualTo(EXPECTED);

        Run second = migrate(url);
        assertThat(second.status()).as(second.output()).isZero();
        assertThat(second.output())
                .isEqualTo("gatehouse migrate: nothing to apply; schema version " + EXPECTED + " (current)");
    }

    @Test
    @DisplayName("a store it cannot reach is one line on standard error and a non-zero exit")
    void unreachable() throws Exception {
        Run run = migrate("jdbc:postgresql://localhost:1/accounts");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output().lines().filter(line -> line.startsWith("gatehouse migrate: failed: ")))
                .hasSize(1);
        assertThat(run.output()).doesNotContain("\tat ", "Exception in thread");
    }

    private record Run(int status, String output) {}

    private Run migrate(String url) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = env.options().bundleJar() + File.pathSeparator + keycloakDriver();
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                classPath,
                "dev.gatehouse.store.Migrate",
                "--url",
                url,
                "--user",
                PostgresServer.USER));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The password from the environment, as the install guide recommends.
        builder.environment().put("KC_DB_PASSWORD_ACCOUNTS", PostgresServer.PASSWORD);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The driver the distribution ships, where the install guide points to it. */
    private Path keycloakDriver() throws IOException {
        try (Stream<Path> jars = Files.list(env.options().keycloakHome().resolve("lib/lib/main"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("org.postgresql.postgresql-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String highestVersion(PostgresServer server, String database) throws SQLException {
        try (Connection connection = server.dataSource(database).getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT max(CAST(version AS integer)) FROM flyway_schema_history WHERE success")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
