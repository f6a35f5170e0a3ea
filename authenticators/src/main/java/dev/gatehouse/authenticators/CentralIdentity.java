package dev.gatehouse.authenticators;

import dev.gatehouse.federation.AccountAttributes;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RealmSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The realm's central identity provider, from the realm's Gatehouse settings ({@link RealmSettings})
 * so that every Gatehouse step agrees on it: {@code centralIdp} (the identity provider alias, {@code console} by default) and
 * {@code centralResetUrl} (where linked accounts reset their password).
 */
public record CentralIdentity(String alias, String resetUrl) {

    public static CentralIdentity of(RealmModel realm) {
        String alias = RealmSettings.get(realm, RealmAttributes.CENTRAL_IDP);
        return new CentralIdentity(
                alias == null || alias.isBlank() ? RealmAttributes.DEFAULT_CENTRAL_IDP : alias.strip(),
                RealmSettings.get(realm, RealmAttributes.CENTRAL_RESET_URL));
    }

    /**
     * Linked: a Keycloak federated-identity link to the central provider, or a central subject
     * recorded in the store (links made by the legacy system, or by Gatehouse when it linked).
     */
    public boolean isLinked(KeycloakSession session, RealmModel realm, UserModel user) {
        return user.getFirstAttribute(AccountAttributes.CENTRAL_SUBJECT) != null
                || session.users().getFederatedIdentity(realm, user, alias) != null;
    }
}
