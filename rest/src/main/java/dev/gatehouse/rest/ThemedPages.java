package dev.gatehouse.rest;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.util.LocaleUtil;

/** Pages of the realm's login theme served outside a login flow (troubleshooting, forgot username). */
public final class ThemedPages {

    private ThemedPages() {}

    /**
     * The forms provider, after taking the language menu's {@code kc_locale} into account: Keycloak
     * reads it only on its own login-action endpoints, so without this the menu of these pages would
     * reload them unchanged. The choice is kept in Keycloak's locale cookie, as on the login pages.
     */
    public static LoginFormsProvider forms(KeycloakSession session) {
        LocaleUtil.processLocaleParam(session, session.getContext().getRealm(), null);
        return session.getProvider(LoginFormsProvider.class);
    }
}
