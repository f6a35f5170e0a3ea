package dev.gatehouse.store;

/**
 * The account store could not be reached. Deliberately not Keycloak's
 * {@code StorageUnavailableException}: Keycloak swallows that one during lookups and reports the
 * user as unknown, while Gatehouse must tell the user the service is temporarily unavailable.
 */
public class AccountStoreUnavailableException extends RuntimeException {

    public AccountStoreUnavailableException(Throwable cause) {
        super("The Gatehouse account store is unavailable", cause);
    }
}
