package dev.gatehouse.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The account store's schema migrations as the bundle applies them: Flyway over
 * {@code classpath:db/gatehouse} (the SQL files and the Java migration V7), from the command line
 * ({@link Migrate}) or when Keycloak starts with {@code migrate-on-start}. Flyway's lock (a
 * PostgreSQL advisory lock) lets several nodes start at once: one migrates, the others wait and
 * find nothing to do.
 */
public final class StoreMigrations {

    public static final String LOCATION = "classpath:db/gatehouse";

    /** The highest migration under {@code db/gatehouse} (SQL and Java); {@code SchemaCheckTest} keeps it so. */
    public static final int EXPECTED = 11;

    /** What a run did: how many migrations it applied and the schema version it left. */
    public record Outcome(int applied, int version) {

        /** One line for an admin: what was applied and where the schema stands. */
        public String describe() {
            String done = applied == 0 ? "nothing to apply" : "applied " + applied + " migration(s)";
            String state = version == EXPECTED
                    ? "current"
                    : version < EXPECTED
                            ? "older than this JAR expects (" + EXPECTED + ")"
                            : "newer than this JAR knows (" + EXPECTED + ")";
            return done + "; schema version " + version + " (" + state + ")";
        }
    }

    private StoreMigrations() {}

    /**
     * Applies the pending migrations; a failure is Flyway's exception, with the store left at the
     * last migration that committed (each migration is a transaction of its own).
     *
     * @param connectRetries how often Flyway retries a store that does not answer yet (waits 1 s,
     *     2 s, 4 s, … between tries)
     */
    public static Outcome migrate(DataSource dataSource, int connectRetries) {
        return migrate(configuration().dataSource(dataSource).connectRetries(connectRetries));
    }

    /** The same, connecting with a JDBC URL through the PostgreSQL driver on the class path. */
    public static Outcome migrate(String url, String user, String password, int connectRetries) {
        return migrate(configuration().dataSource(url, user, password).connectRetries(connectRetries));
    }

    private static FluentConfiguration configuration() {
        return Flyway.configure(StoreMigrations.class.getClassLoader()).locations(LOCATION);
    }

    private static Outcome migrate(FluentConfiguration configuration) {
        MigrateResult result = configuration.load().migrate();
        // The version the last applied migration left, else the one the run found (no second scan).
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new Outcome(
                result.migrationsExecuted,
                version == null
                        ? 0
                        : MigrationVersion.fromVersion(version).getMajor().intValue());
    }

    /** Flyway's messages span lines (SQL state, separators); the admin gets them as one. */
    public static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (String part : String.valueOf(e.getMessage()).split("\\R")) {
            String text = part.strip();
            if (text.isEmpty() || text.chars().allMatch(c -> c == '-')) {
                continue;
            }
            if (line.length() > 0) {
                line.append("; ");
            }
            line.append(text);
        }
        return line.toString();
    }
}
