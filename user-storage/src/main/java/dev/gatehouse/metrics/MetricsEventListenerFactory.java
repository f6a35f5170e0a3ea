package dev.gatehouse.metrics;

import dev.gatehouse.spi.StatelessProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code gatehouse-metrics}: a global event listener (every realm, no realm configuration) that
 * feeds {@link GatehouseMetrics} from login errors and Gatehouse's admin events.
 */
public final class MetricsEventListenerFactory
        implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "gatehouse-metrics";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new MetricsEventListener(session, GatehouseMetrics.global());
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
