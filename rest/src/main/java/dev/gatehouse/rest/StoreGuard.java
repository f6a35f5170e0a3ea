package dev.gatehouse.rest;

import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.services.ErrorResponse;

/** Runs an endpoint's work, answering 503 rather than Keycloak's 500 while the account store is down. */
public final class StoreGuard {

    private static final Logger LOG = Logger.getLogger(StoreGuard.class);

    private StoreGuard() {}

    public static Response call(Supplier<Response> work) {
        try {
            return work.get();
        } catch (AccountStoreUnavailableException e) {
            LOG.warnf("Gatehouse endpoint refused while the account store is unavailable: %s", e.getCause());
            throw ErrorResponse.error(
                    "The account store is temporarily unavailable", Response.Status.SERVICE_UNAVAILABLE);
        }
    }
}
