package dev.gatehouse.testing;

/** A running Keycloak with the Gatehouse bundle and both realms imported. */
public interface KeycloakServer extends AutoCloseable {

    /** Where browsers and clients reach it, e.g. {@code http://localhost:8080}. */
    String baseUrl();

    /** Keycloak's management interface ({@code /health}, {@code /metrics}). */
    String managementUrl();

    @Override
    void close();
}
