package dev.gatehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The bundle's version and the Keycloak SPI version it was compiled against, as the build recorded them. */
public final class GatehouseVersion {

    public static final String VERSION;
    public static final String KEYCLOAK_COMPILED_AGAINST;

    static {
        Properties properties = new Properties();
        try (InputStream in = GatehouseVersion.class.getResourceAsStream("gatehouse-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSION = properties.getProperty("version", "unknown");
        KEYCLOAK_COMPILED_AGAINST = properties.getProperty("keycloakCompiledAgainst", "unknown");
    }

    private GatehouseVersion() {}
}
