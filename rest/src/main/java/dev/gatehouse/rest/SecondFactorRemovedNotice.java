package dev.gatehouse.rest;

import dev.gatehouse.storage.AccountAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The e-mail support's removal of a second factor sends to the account (SPEC P9.4): what happened,
 * what the next login does, and the troubleshooting page's section for when it was not asked for.
 */
final class SecondFactorRemovedNotice {

    static final String TEMPLATE = "gatehouse-second-factor-removed.ftl";
    static final String SUBJECT = "gatehouse.secondFactorRemovedSubject";
    static final String SECTION = "lost-second-factor";

    private static final Logger LOG = Logger.getLogger(SecondFactorRemovedNotice.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    SecondFactorRemovedNotice(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Sends the notice; a failed send is logged, since the removal itself has committed. */
    void send(UserModel account) {
        if (account.getEmail() == null) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("username", account.getFirstAttribute(AccountAttributes.USERNAME));
        attributes.put("troubleshootingUrl", troubleshootingUrl());
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(account)
                    .send(SUBJECT, List.of(), TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf(
                    "Could not send the second-factor removal notice of account %s in realm %s: %s",
                    account.getId(), realm.getName(), e);
        }
    }

    private String troubleshootingUrl() {
        return session.getContext()
                .getUri()
                .getBaseUriBuilder()
                .path("realms")
                .path(realm.getName())
                .path(GatehouseRealmResourceProviderFactory.ID)
                .path("troubleshooting")
                .queryParam("reason", SECTION)
                .fragment(SECTION)
                .build()
                .toString();
    }
}
