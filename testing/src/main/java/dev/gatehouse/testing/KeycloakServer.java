package dev.gatehouse.testing;

/** A running Keycloak with the Gatehouse bundle and both realms imported. */
public interface KeycloakServer extends AutoCloseable {

    /** Where browsers and clients reach it, e.g. {@code http://localhost:8080}. */
    String baseUrl();

    /** Keycloak's management interface ({@code /health}, {@code /metrics}). */
    String managementUrl();

    /** Stops Keycloak and starts it again with the same setup; its databases keep their rows. */
    void restart();

    @Override
    void close();
}
