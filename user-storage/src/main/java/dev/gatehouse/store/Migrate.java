package dev.gatehouse.store;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;

/**
 * Applies the account store's migrations from the bundle JAR, without the source tree or Maven:
 *
 * <pre>
 * java -cp gatehouse-&lt;version&gt;.jar:&lt;keycloak&gt;/lib/lib/main/org.postgresql.postgresql-&lt;version&gt;.jar \
 *   dev.gatehouse.store.Migrate --url jdbc:postgresql://db:5432/accounts --user gatehouse --password …
 * </pre>
 *
 * Each option may come from the environment instead, under the name Keycloak reads for the
 * {@code accounts} datasource ({@code KC_DB_URL_FULL_ACCOUNTS}, {@code KC_DB_USERNAME_ACCOUNTS},
 * {@code KC_DB_PASSWORD_ACCOUNTS}), so one environment serves both. Prints one line with what was
 * applied and the schema version; exits 0 when the migrations are applied, 1 when they failed (one
 * line on standard error, no stack trace), 2 on bad input.
 */
public final class Migrate {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String DRIVER = "org.postgresql.Driver";
    private static final String USAGE_LINE = "usage: java -cp gatehouse.jar:<postgresql JDBC driver jar> "
            + Migrate.class.getName() + " --url jdbc:postgresql://host:5432/db --user NAME --password SECRET"
            + " (or KC_DB_URL_FULL_ACCOUNTS, KC_DB_USERNAME_ACCOUNTS, KC_DB_PASSWORD_ACCOUNTS)";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "url", "KC_DB_URL_FULL_ACCOUNTS",
            "user", "KC_DB_USERNAME_ACCOUNTS",
            "password", "KC_DB_PASSWORD_ACCOUNTS");
    private static final int CONNECT_RETRIES = 3;

    private Migrate() {}

    public static void main(String[] args) {
        // Flyway logs through java.util.logging here: its warnings (a store that does not answer
        // yet) as one line each, its INFO lines not at all, which would bury the one line below.
        System.setProperty("java.util.logging.SimpleFormatter.format", "gatehouse migrate: %4$s: %5$s%n");
        Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
        System.exit(run(args, System.getenv(), System.out, System.err, CONNECT_RETRIES));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, int connectRetries) {
        Map<String, String> options;
        try {
            options = options(args, env);
        } catch (IllegalArgumentException e) {
            err.println("gatehouse migrate: " + e.getMessage());
            err.println(USAGE_LINE);
            return USAGE;
        }
        if (options == null) {
            out.println(USAGE_LINE);
            return OK;
        }
        if (!driverPresent()) {
            err.println("gatehouse migrate: no PostgreSQL JDBC driver on the class path: add Keycloak's"
                    + " lib/lib/main/org.postgresql.postgresql-*.jar (or any postgresql-*.jar) to -cp");
            return USAGE;
        }
        try {
            StoreMigrations.Outcome outcome = StoreMigrations.migrate(
                    options.get("url"), options.get("user"), options.get("password"), connectRetries);
            out.println("gatehouse migrate: " + outcome.describe());
            return OK;
        } catch (FlywayException e) {
            err.println("gatehouse migrate: failed: " + StoreMigrations.oneLine(e));
            return FAILED;
        }
    }

    /** The options by name ({@code url}, {@code user}, {@code password}), or null when help was asked for. */
    static Map<String, String> options(String[] args, Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!ENVIRONMENT.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        for (Map.Entry<String, String> option : ENVIRONMENT.entrySet()) {
            String value = options.get(option.getKey());
            if (value == null) {
                value = env.get(option.getValue());
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        "--" + option.getKey() + " (or " + option.getValue() + ") is missing");
            }
            options.put(option.getKey(), value);
        }
        if (!options.get("url").startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)");
        }
        return options;
    }

    private static boolean driverPresent() {
        try {
            Class.forName(DRIVER, false, Migrate.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
