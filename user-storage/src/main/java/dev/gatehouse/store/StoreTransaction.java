package dev.gatehouse.store;

import jakarta.ws.rs.WebApplicationException;
import java.sql.SQLException;
import java.util.function.Function;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Store work in a Keycloak transaction of its own (a caller's transaction is suspended meanwhile),
 * so that it has committed when the call returns: status changes before their sessions end, and
 * each batch of the billing job on its own.
 */
public final class StoreTransaction {

    private StoreTransaction() {}

    public static <T> T run(KeycloakSessionFactory factory, Function<KeycloakSession, T> work) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, work::apply);
        } catch (AccountStoreUnavailableException | WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            if (hasSqlCause(e)) {
                // A failed commit surfaces here rather than in a statement.
                throw new AccountStoreUnavailableException(e);
            }
            throw e;
        }
    }

    private static boolean hasSqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof jakarta.persistence.PersistenceException) {
                return true;
            }
        }
        return false;
    }
}
