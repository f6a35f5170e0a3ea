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
 * The e-mail a ban sends (SPEC P7, Themes): to the account the ban was called on, in the
 * {@code gatehouse} e-mail theme, with how many of its sub-users went with it and the
 * troubleshooting page's ban section. Sub-users get none of their own: they usually share the
 * owner's address, and the owner is the one who can discuss the ban.
 */
final class BanNotice {

    static final String TEMPLATE = "gatehouse-ban-notice.ftl";
    static final String SUBJECT = "gatehouse.banNoticeSubject";
    static final String SECTION = "account-banned";

    private static final Logger LOG = Logger.getLogger(BanNotice.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    BanNotice(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Sends the notice; a failed send is logged, since the ban itself has committed. */
    void send(UserModel account, int subUsers) {
        if (account.getEmail() == null) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("username", account.getFirstAttribute(AccountAttributes.USERNAME));
        attributes.put("subUsers", subUsers);
        attributes.put("troubleshootingUrl", troubleshootingUrl());
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(account)
                    .send(SUBJECT, List.of(), TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf(
                    "Could not send the ban notice of account %s in realm %s: %s", account.getId(), realm.getName(), e);
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
                .fragment(SECTION)
                .build()
                .toString();
    }
}
