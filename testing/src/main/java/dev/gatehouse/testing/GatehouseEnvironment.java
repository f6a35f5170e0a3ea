package dev.gatehouse.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Gatehouse runs with, started together: PostgreSQL for Keycloak, PostgreSQL for the
 * account store (separate servers, so that the store can fail alone), SMTP, and Keycloak with the
 * bundle and both realms. The integration tests and the demo both start it through here.
 */
public final class GatehouseEnvironment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseEnvironment.class);

    private final Options options;
    private final Servers servers;
    private final KeycloakServer keycloak;
    private final boolean ownsServers;

    private GatehouseEnvironment(Options options, Servers servers, KeycloakServer keycloak, boolean ownsServers) {
        this.options = options;
        this.servers = servers;
        this.keycloak = keycloak;
        this.ownsServers = ownsServers;
    }

    /** One node of a {@link GatehouseCluster}: closing it stops nothing, the cluster stops everything. */
    static GatehouseEnvironment node(Options options, Servers servers, KeycloakServer keycloak) {
        return new GatehouseEnvironment(options, servers, keycloak, false);
    }

    /**
     * Where things are and how to run them.
     *
     * @param runtime {@code distribution} (kc.sh from the unpacked distribution) or {@code testcontainers}
     * @param httpPort Keycloak's port; 0 picks a free one
     */
    public record Options(
            Path workDirectory,
            Path keycloakHome,
            Path bundleJar,
            String runtime,
            String keycloakVersion,
            int httpPort,
            KeycloakSetup.RealmImport realmImport) {

        /** The options the Maven build passes to the integration tests. */
        public static Options fromSystemProperties() {
            return new Options(
                    Path.of(required("gatehouse.work")),
                    Path.of(required("keycloak.home")),
                    Path.of(required("gatehouse.bundle")),
                    System.getProperty("keycloak.runtime", "distribution"),
                    System.getProperty("keycloak.dist.version", "26.7.5"),
                    Integer.getInteger("gatehouse.port", 0),
                    KeycloakSetup.RealmImport.AT_START);
        }

        /** The same, in another work directory, the realms imported with {@code kc.sh import}. */
        public Options importingWithKcSh(Path otherWorkDirectory) {
            return new Options(
                    otherWorkDirectory,
                    keycloakHome,
                    bundleJar,
                    runtime,
                    keycloakVersion,
                    0,
                    KeycloakSetup.RealmImport.KC_SH_IMPORT);
        }

        private static String required(String property) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("System property " + property + " is not set: run through Maven");
            }
            return value;
        }
    }

    public static GatehouseEnvironment start(Options options) {
        if (!Files.isRegularFile(options.bundleJar())) {
            throw new IllegalStateException("No Gatehouse bundle at " + options.bundleJar() + ": build it first");
        }
        Path work = options.workDirectory();
        long started = System.nanoTime();
        Servers servers = Servers.start(work);
        int httpPort = options.httpPort() > 0 ? options.httpPort() : Ports.free();
        KeycloakSetup setup =
                servers.keycloakSetup(options.bundleJar(), httpPort, options.realmImport(), KeycloakSetup.Cache.LOCAL);
        boolean containers = "testcontainers".equals(options.runtime());
        if (containers && options.realmImport() == KeycloakSetup.RealmImport.KC_SH_IMPORT) {
            throw new IllegalArgumentException("kc.sh import needs the distribution runtime");
        }
        KeycloakServer keycloak = containers
                ? ContainerKeycloak.start(options.keycloakVersion(), setup, servers.ports())
                : DistributionKeycloak.start(options.keycloakHome(), setup, work);
        LOG.info(
                "Gatehouse environment ready at {} in {} s",
                keycloak.baseUrl(),
                (System.nanoTime() - started) / 1_000_000_000);
        return new GatehouseEnvironment(options, servers, keycloak, true);
    }

    public String baseUrl() {
        return keycloak.baseUrl();
    }

    /** Keycloak's management interface, where {@code /metrics} is. */
    public String managementUrl() {
        return keycloak.managementUrl();
    }

    /** Keycloak's {@code /metrics} in Prometheus' text format, Gatehouse's counters among them. */
    public String metrics() {
        try {
            // HTTP/1.1: the JDK client's default h2c upgrade once met a management-interface answer it
            // read as an HTTP/2 frame ("Frame type(101) … exceeds MAX_FRAME_SIZE").
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(managementUrl() + "/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("metrics endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Restarts Keycloak alone, as after a deployment; the databases, SMTP and their contents stay. */
    public void restartKeycloak() {
        long started = System.nanoTime();
        keycloak.restart();
        LOG.info("Keycloak restarted in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    /**
     * A second Keycloak node on the same databases and SMTP, local caches, whose {@code hostname} is
     * {@code hostname} (the URL a deployment such as docker-compose publishes) while it listens on a
     * free port of its own. The caller closes it. Distribution runtime only.
     */
    public KeycloakServer startNodeWithHostname(String hostname) {
        if (!"distribution".equals(options.runtime())) {
            throw new IllegalStateException("A second node runs from the unpacked distribution only");
        }
        Path nodeWork = options.workDirectory().resolve("hostname-node");
        Path home = DistributionCopy.of(options.keycloakHome(), nodeWork.resolve("keycloak"));
        KeycloakSetup setup = servers.keycloakSetup(
                        options.bundleJar(), Ports.free(), KeycloakSetup.RealmImport.NONE, KeycloakSetup.Cache.LOCAL)
                .withHostname(hostname);
        return DistributionKeycloak.start(home, setup, nodeWork);
    }

    public AccountStore store() {
        return servers.store();
    }

    /** What Keycloak's own database ran (pg_stat_statements), to compare two requests' work. */
    public StatementStatistics keycloakStatements() {
        return servers.keycloakStatements();
    }

    /** What the account store's database ran, the same way. */
    public StatementStatistics storeStatements() {
        return servers.storeStatements();
    }

    /** Keycloak's own database (not the account store), as its owner. */
    public javax.sql.DataSource keycloakDatabase() {
        return servers.keycloakDatabase();
    }

    public MailServer mail() {
        return servers.mail();
    }

    public Options options() {
        return options;
    }

    /** A new browser with its own cookies. */
    public BrowserClient browser() {
        return new BrowserClient(baseUrl());
    }

    public Oidc oidc(String realm) {
        return new Oidc(baseUrl(), realm);
    }

    public AdminApi admin() {
        return new AdminApi(baseUrl());
    }

    @Override
    public void close() {
        if (ownsServers) {
            Servers.closeQuietly(keycloak);
            servers.close();
        }
    }
}
