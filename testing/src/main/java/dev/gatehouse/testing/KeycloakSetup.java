package dev.gatehouse.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a Keycloak launcher needs to know, whichever runtime starts it: ports, databases,
 * SMTP, and the bundle. Options use Keycloak's own names, without the leading dashes.
 */
public record KeycloakSetup(
        Path bundleJar,
        int httpPort,
        int managementPort,
        String keycloakDbUrl,
        String accountsDbUrl,
        String dbUser,
        String dbPassword,
        int smtpPort,
        RealmImport realmImport,
        Cache cache,
        String hostname) {

    /** Keycloak's {@code hostname} is the URL the node is reached at. */
    public KeycloakSetup(
            Path bundleJar,
            int httpPort,
            int managementPort,
            String keycloakDbUrl,
            String accountsDbUrl,
            String dbUser,
            String dbPassword,
            int smtpPort,
            RealmImport realmImport,
            Cache cache) {
        this(
                bundleJar,
                httpPort,
                managementPort,
                keycloakDbUrl,
                accountsDbUrl,
                dbUser,
                dbPassword,
                smtpPort,
                realmImport,
                cache,
                null);
    }

    /** A single node with local caches, as every test but the cluster's runs. */
    public KeycloakSetup(
            Path bundleJar,
            int httpPort,
            int managementPort,
            String keycloakDbUrl,
            String accountsDbUrl,
            String dbUser,
            String dbPassword,
            int smtpPort,
            RealmImport realmImport) {
        this(
                bundleJar,
                httpPort,
                managementPort,
                keycloakDbUrl,
                accountsDbUrl,
                dbUser,
                dbPassword,
                smtpPort,
                realmImport,
                Cache.LOCAL);
    }

    /** How the realm export gets into Keycloak's database. */
    public enum RealmImport {
        /** {@code kc.sh start --import-realm}: the files in {@code data/import}, skipped for existing realms. */
        AT_START,
        /** {@code kc.sh import --dir} into the database before the first start, as an admin would. */
        KC_SH_IMPORT,
        /** None: another node of the same cluster imported them into the shared database. */
        NONE
    }

    /**
     * Keycloak's caches: {@code local} on a single node, or {@code ispn} clustered with every node
     * that shares Keycloak's database, which the {@code jdbc-ping} stack discovers them through.
     * {@code cache} and {@code cache-stack} are runtime options in 26.x, so both kinds start from
     * the same build.
     *
     * @param bindPort the node's JGroups port on loopback; unused for {@code local}
     */
    public record Cache(String type, int bindPort) {

        public static final Cache LOCAL = new Cache("local", 0);

        /** Clustered over loopback, on this JGroups port. */
        public static Cache clustered(int bindPort) {
            return new Cache("ispn", bindPort);
        }

        Map<String, String> options() {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("cache", type);
            if (!type.equals(LOCAL.type)) {
                options.put("cache-stack", "jdbc-ping");
                options.put("cache-embedded-network-bind-address", "127.0.0.1");
                options.put("cache-embedded-network-bind-port", String.valueOf(bindPort));
            }
            return options;
        }
    }

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** How often the billing job's timer fires in tests and the demo. */
    public static final int BILLING_INTERVAL_SECONDS = 5;

    /** How often one node purges expired pending signups (SPEC P2.2); the server's default is an hour. */
    public static final int SIGNUP_PURGE_INTERVAL_SECONDS = 5;

    /** How often the revocation outbox is retried in tests and the demo. */
    public static final int REVOCATION_RETRY_SECONDS = 2;

    /** Value of an option that is a bare flag, such as {@code --import-realm}. */
    static final String FLAG = "";

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /**
     * The same node with another {@code hostname}, as a deployment behind a proxy has: issuer and
     * links name that URL while the node listens on {@link #baseUrl()}.
     */
    public KeycloakSetup withHostname(String otherHostname) {
        return new KeycloakSetup(
                bundleJar,
                httpPort,
                managementPort,
                keycloakDbUrl,
                accountsDbUrl,
                dbUser,
                dbPassword,
                smtpPort,
                realmImport,
                cache,
                otherHostname);
    }

    /** The URL issuer and links are built from: {@link #baseUrl()} unless another hostname was set. */
    public String publicUrl() {
        return hostname == null ? baseUrl() : hostname;
    }

    /** Options fixed when Keycloak is built ({@code kc.sh build}). */
    public Map<String, String> buildOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("db", "postgres");
        options.put("db-kind-accounts", "postgres");
        options.put("health-enabled", "true");
        options.put("metrics-enabled", "true");
        return options;
    }

    /** Options of every start. */
    public Map<String, String> runtimeOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("http-enabled", "true");
        options.put("http-port", String.valueOf(httpPort));
        options.put("http-management-port", String.valueOf(managementPort));
        // Issuer and e-mailed links come from this URL, never from a request's Host header (SPEC S2).
        options.put("hostname", publicUrl());
        options.put("db-url", keycloakDbUrl);
        options.put("db-username", dbUser);
        options.put("db-password", dbPassword);
        options.put("db-url-full-accounts", accountsDbUrl);
        options.put("db-username-accounts", dbUser);
        options.put("db-password-accounts", dbPassword);
        options.putAll(cache.options());
        if (realmImport == RealmImport.AT_START) {
            options.put("import-realm", FLAG);
        }
        // The billing job wakes up often so that its first run shows soon after boot; it does a
        // date's work once whatever the interval.
        options.put("spi-gatehouse-jobs--default--billing-interval-seconds", String.valueOf(BILLING_INTERVAL_SECONDS));
        options.put("spi-gatehouse-jobs--default--revocation-retry-seconds", String.valueOf(REVOCATION_RETRY_SECONDS));
        options.put(
                "spi-gatehouse-jobs--default--purge-interval-seconds", String.valueOf(SIGNUP_PURGE_INTERVAL_SECONDS));
        // The harness has migrated the store already: each start then finds nothing to apply, but
        // Flyway still resolves every migration in the JAR through Keycloak's class loader and
        // validates them against the store's history, and a failure would fail the start.
        options.put("spi-storage--gatehouse-accounts--migrate-on-start", "true");
        return options;
    }

    /** Options of {@code kc.sh import}: the databases only (it refuses the server's options). */
    public Map<String, String> importOptions() {
        Map<String, String> options = new LinkedHashMap<>(runtimeOptions());
        options.keySet().removeIf(name -> !name.startsWith("db-"));
        return options;
    }

    /** Environment of the Keycloak process: the admin bootstrap and the realm files' placeholders. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEHOUSE_SMTP_HOST", "localhost");
        env.put("GATEHOUSE_SMTP_PORT", String.valueOf(smtpPort));
        env.put("GATEHOUSE_CENTRAL_URL", baseUrl());
        env.put("GATEHOUSE_PUBLIC_URL", baseUrl());
        return env;
    }

    static List<String> asArguments(Map<String, String> options) {
        return options.entrySet().stream()
                .map(option -> option.getValue().equals(FLAG)
                        ? "--" + option.getKey()
                        : "--" + option.getKey() + "=" + option.getValue())
                .toList();
    }
}
