package dev.gatehouse.testing;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.Testcontainers;

/**
 * Keycloak in the official container image through testcontainers-keycloak, for machines with a
 * Docker engine ({@code -Dkeycloak.runtime=testcontainers}). PostgreSQL and SMTP stay on the host
 * and are reached through {@code host.testcontainers.internal}. Keycloak listens inside the
 * container on the same port the host publishes, so that the URLs in the realm files (broker
 * endpoints, issuer) are the same from both sides.
 */
public final class ContainerKeycloak implements KeycloakServer {

    private static final String HOST = "host.testcontainers.internal";

    private final KeycloakContainer container;
    private final KeycloakSetup setup;

    private ContainerKeycloak(KeycloakContainer container, KeycloakSetup setup) {
        this.container = container;
        this.setup = setup;
    }

    public static ContainerKeycloak start(String version, KeycloakSetup setup, List<Integer> hostPorts) {
        Testcontainers.exposeHostPorts(
                hostPorts.stream().mapToInt(Integer::intValue).toArray());
        List<String> arguments = new ArrayList<>();
        Map<String, String> options = setup.buildOptions();
        options.putAll(setup.runtimeOptions());
        options.put("db-url", options.get("db-url").replace("localhost", HOST));
        options.put("db-url-full-accounts", options.get("db-url-full-accounts").replace("localhost", HOST));
        options.remove("import-realm");
        // The container's readiness check watches its default management port.
        options.remove("http-management-port");
        arguments.addAll(KeycloakSetup.asArguments(options));

        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + version)
                .withProviderLibsFrom(List.of(setup.bundleJar().toFile()))
                .withRealmImportFiles(RealmFiles.NAMES.stream()
                        .map(name -> "gatehouse/realms/" + name)
                        .toArray(String[]::new))
                .withAdminUsername(KeycloakSetup.ADMIN_USER)
                .withAdminPassword(KeycloakSetup.ADMIN_PASSWORD)
                .withCustomCommand(String.join(" ", arguments))
                .withStartupTimeout(Duration.ofMinutes(4))
                .withAccessToHost(true);
        setup.environment().forEach(container::withEnv);
        container.withEnv("GATEHOUSE_SMTP_HOST", HOST);
        container.setPortBindings(List.of(setup.httpPort() + ":" + setup.httpPort()));
        container.start();
        return new ContainerKeycloak(container, setup);
    }

    @Override
    public String baseUrl() {
        return setup.baseUrl();
    }

    @Override
    public String managementUrl() {
        return container.getMgmtServerUrl();
    }

    @Override
    public void restart() {
        container.stop();
        container.start();
    }

    @Override
    public void close() {
        container.stop();
    }
}
