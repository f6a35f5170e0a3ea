package dev.gatehouse.testing;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers Keycloak runs against, whichever number of Keycloak nodes share them: PostgreSQL for
 * Keycloak, PostgreSQL for the account store (separate servers, so that the store can fail alone)
 * and SMTP.
 */
final class Servers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Servers.class);

    private final PostgresServer keycloakDb;
    private final PostgresServer storeDb;
    private final AccountStore store;
    private final MailServer mail;
    private final StatementStatistics keycloakStatements;
    private final StatementStatistics storeStatements;

    private Servers(PostgresServer keycloakDb, PostgresServer storeDb, AccountStore store, MailServer mail) {
        this.keycloakDb = keycloakDb;
        this.storeDb = storeDb;
        this.store = store;
        this.mail = mail;
        this.keycloakStatements = new StatementStatistics(keycloakDb, "keycloak");
        this.storeStatements = store.statements();
    }

    /** Fresh databases under {@code work} (the store migrated) and an empty mail server. */
    static Servers start(Path work) {
        PostgresServer keycloakDb = PostgresServer.startFresh(work.resolve("keycloak-db"), Ports.free());
        keycloakDb.createDatabase("keycloak");
        PostgresServer storeDb = PostgresServer.startFresh(work.resolve("account-store"), Ports.free());
        AccountStore store = AccountStore.create(storeDb);
        return new Servers(keycloakDb, storeDb, store, MailServer.start(Ports.free()));
    }

    /** The setup of a Keycloak node on these servers. */
    KeycloakSetup keycloakSetup(
            Path bundleJar, int httpPort, KeycloakSetup.RealmImport realmImport, KeycloakSetup.Cache cache) {
        return new KeycloakSetup(
                bundleJar,
                httpPort,
                Ports.free(),
                keycloakDb.jdbcUrl("keycloak"),
                store.jdbcUrl(),
                PostgresServer.USER,
                PostgresServer.PASSWORD,
                mail.port(),
                realmImport,
                cache);
    }

    /** The host ports a container must reach. */
    List<Integer> ports() {
        return List.of(keycloakDb.port(), storeDb.port(), mail.port());
    }

    AccountStore store() {
        return store;
    }

    /** Statement statistics of Keycloak's own database and of the account store's. */
    StatementStatistics keycloakStatements() {
        return keycloakStatements;
    }

    StatementStatistics storeStatements() {
        return storeStatements;
    }

    /** Keycloak's own database, for tests that make one of Keycloak's writes fail. */
    javax.sql.DataSource keycloakDatabase() {
        return keycloakDb.dataSource("keycloak");
    }

    MailServer mail() {
        return mail;
    }

    @Override
    public void close() {
        closeQuietly(mail);
        closeQuietly(storeDb);
        closeQuietly(keycloakDb);
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Could not stop {}", closeable, e);
        }
    }
}
