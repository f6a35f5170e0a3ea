package dev.gatehouse.federation;

import dev.gatehouse.store.StoreMigrations;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.JpaConnectionProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;

/**
 * The opt-in migration of the account store when Keycloak starts
 * ({@code --spi-storage--gatehouse-accounts--migrate-on-start=true}), through the {@code accounts}
 * datasource's own pool. Keycloak sets a named datasource's persistence unit up only after the
 * providers' {@code postInit} (the demo's quick start found it missing there), so the migration
 * runs on a thread of its own once the pool answers, then the schema check reports the result
 * ({@link SchemaCheck}, server info {@code schemaMigrateOnStart}); a failure is logged as an error.
 */
final class StartupMigration {

    private static final Logger LOG = Logger.getLogger(StartupMigration.class);

    /** How long the pool may take to come up after the start: 120 × 1 s. */
    private static final int ATTEMPTS = 120;

    private static final long PAUSE_MILLIS = 1000;

    private static volatile String outcome = "not run yet";

    private StartupMigration() {}

    static String outcome() {
        return outcome;
    }

    /** Migrates once the pool answers, then checks the schema; never blocks the start. */
    static void startAfterBoot(KeycloakSessionFactory factory) {
        Thread thread = new Thread(
                () -> {
                    run(factory);
                    SchemaCheck.runWithRetries(factory);
                },
                "gatehouse-migrate-on-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(KeycloakSessionFactory factory) {
        ProviderFactory<JpaConnectionProvider> connections =
                factory.getProviderFactory(JpaConnectionProvider.class, AccountsStorageProviderFactory.DATASOURCE);
        if (!(connections instanceof JpaConnectionProviderFactory jpa)) {
            failed("the Keycloak datasource '" + AccountsStorageProviderFactory.DATASOURCE
                    + "' is not configured: build Keycloak with --db-kind-accounts=postgres");
            return;
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                // Asking a session for the datasource sets its pool up, once Keycloak can.
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    session.getProvider(JpaConnectionProvider.class, AccountsStorageProviderFactory.DATASOURCE);
                });
                // Flyway commits each migration itself: this thread has no JTA transaction to join.
                StoreMigrations.Outcome done = StoreMigrations.migrate(new PoolDataSource(jpa), 0);
                outcome = done.describe();
                LOG.infof("Gatehouse account store migrated on start: %s", outcome);
                return;
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf("Gatehouse migrate-on-start: the account store is not ready yet (%s)", e.toString());
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        failed(StoreMigrations.oneLine(last));
    }

    private static void failed(String why) {
        outcome = "failed: " + why;
        LOG.errorf("Gatehouse could not migrate the account store (migrate-on-start): %s", why);
    }

    /** The datasource's pool as Flyway asks for it: connections outside any transaction, in autocommit. */
    private record PoolDataSource(JpaConnectionProviderFactory pool) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            try {
                return pool.getConnection();
            } catch (RuntimeException e) {
                // Keycloak wraps the pool's SQLException; Flyway retries a store that is starting on SQLException.
                throw e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getMessage(), e);
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the accounts datasource has its own credentials");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
