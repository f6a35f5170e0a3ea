package dev.gatehouse.federation;

import dev.gatehouse.store.StoreMigrations;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
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
 * datasource's own pool. A failure stops Keycloak's start, as a failed migration of Keycloak's own
 * database does: a node must not serve logins on a schema it does not know.
 */
final class StartupMigration {

    private static final Logger LOG = Logger.getLogger(StartupMigration.class);

    /** A store that is still starting gets about 30 s (1 + 2 + 4 + 8 + 16). */
    private static final int CONNECT_RETRIES = 5;

    private static volatile String outcome = "not run yet";

    private StartupMigration() {}

    static String outcome() {
        return outcome;
    }

    static void run(KeycloakSessionFactory factory) {
        ProviderFactory<JpaConnectionProvider> connections =
                factory.getProviderFactory(JpaConnectionProvider.class, AccountsStorageProviderFactory.DATASOURCE);
        if (!(connections instanceof JpaConnectionProviderFactory jpa)) {
            throw fail("the Keycloak datasource '" + AccountsStorageProviderFactory.DATASOURCE
                    + "' is not configured: build Keycloak with --db-kind-accounts=postgres");
        }
        // Keycloak sets a named datasource's pool up when the first session asks for it; at postInit
        // none may have yet (the demo's quick start found the pool missing).
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            session.getProvider(JpaConnectionProvider.class, AccountsStorageProviderFactory.DATASOURCE);
        });
        // Flyway commits each migration itself: its connections must not join a JTA transaction,
        // so it runs on a thread of its own, which has none.
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.set(StoreMigrations.migrate(new PoolDataSource(jpa), CONNECT_RETRIES));
                    } catch (RuntimeException e) {
                        result.set(e);
                    }
                },
                "gatehouse-migrate-on-start");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted");
        }
        if (result.get() instanceof StoreMigrations.Outcome done) {
            outcome = done.describe();
            LOG.infof("Gatehouse account store migrated on start: %s", outcome);
            return;
        }
        Throwable error = (Throwable) result.get();
        outcome = "failed";
        throw fail(error == null ? "no result" : StoreMigrations.oneLine(error));
    }

    private static IllegalStateException fail(String why) {
        return new IllegalStateException("Gatehouse could not migrate the account store (migrate-on-start): " + why);
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
