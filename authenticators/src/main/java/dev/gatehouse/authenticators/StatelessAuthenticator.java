package dev.gatehouse.authenticators;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A Gatehouse step: configured for every user, no required actions to set up, nothing to close. */
public interface StatelessAuthenticator extends Authenticator {

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    default void close() {}
}
