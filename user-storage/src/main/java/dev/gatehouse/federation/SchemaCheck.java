package dev.gatehouse.federation;

import dev.gatehouse.store.StoreMigrations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Whether the account store's schema is the one this JAR expects (issue 18): the highest Flyway
 * migration applied, read from {@code flyway_schema_history}, against {@link #EXPECTED}. Checked
 * once after start, off the boot thread (a store that is down must not hold Keycloak's start up),
 * logged, and reported in the admin console's server info.
 */
final class SchemaCheck {

    /** The highest migration under {@code db/gatehouse} (SQL and Java); {@code SchemaCheckTest} keeps it so. */
    static final int EXPECTED = StoreMigrations.EXPECTED;

    private static final Logger LOG = Logger.getLogger(SchemaCheck.class);

    private static volatile String status = "not checked yet";
    private static volatile String applied = "unknown";

    private SchemaCheck() {}

    private static final int ATTEMPTS = 30;
    private static final long PAUSE_MILLIS = 5_000;

    /**
     * Checks on a thread of its own; the store's datasource may not answer yet while Keycloak is
     * still starting, so a failed read is tried again, every 5 s for 2.5 minutes.
     */
    static void startAfterBoot(KeycloakSessionFactory factory) {
        Thread thread = new Thread(() -> runWithRetries(factory), "gatehouse-schema-check");
        thread.setDaemon(true);
        thread.start();
    }

    static String status() {
        return status;
    }

    static String applied() {
        return applied;
    }

    /** What the admin reads: current, older (with what to do), newer, or why it is unknown. */
    static String verdict(int version) {
        if (version == EXPECTED) {
            return "current";
        }
        if (version < EXPECTED) {
            return "OLDER than this JAR expects (" + version + " < " + EXPECTED
                    + "): run the migrations (java -cp gatehouse.jar:<driver> dev.gatehouse.store.Migrate, or the"
                    + " migrate-on-start option) before using Gatehouse";
        }
        return "newer than this JAR knows (" + version + " > " + EXPECTED + "): a newer Gatehouse migrated it";
    }

    static void runWithRetries(KeycloakSessionFactory factory) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (run(factory, attempt == ATTEMPTS)) {
                return;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean run(KeycloakSessionFactory factory, boolean last) {
        try {
            Integer version = KeycloakModelUtils.runJobInTransactionWithResult(
                    factory,
                    session -> GatehouseAccounts.store(session).readJdbc(connection -> {
                        try (PreparedStatement statement = connection.prepareStatement(
                                        "SELECT max(CAST(version AS integer)) FROM flyway_schema_history WHERE success");
                                ResultSet rows = statement.executeQuery()) {
                            return rows.next() ? rows.getInt(1) : 0;
                        }
                    }));
            applied = String.valueOf(version);
            status = verdict(version);
            if (version < EXPECTED) {
                LOG.warnf("Gatehouse account store schema is %s", status);
            } else {
                LOG.infof("Gatehouse account store schema version %d: %s", version, status);
            }
            return true;
        } catch (RuntimeException e) {
            status = "unknown: the store could not be read (" + e.getClass().getSimpleName() + ")";
            if (last) {
                LOG.warnf(e, "Gatehouse could not read the account store's schema version");
            } else {
                LOG.debugf(e, "Gatehouse could not read the account store's schema version yet");
            }
            return false;
        }
    }
}
