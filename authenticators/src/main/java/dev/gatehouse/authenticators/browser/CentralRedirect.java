package dev.gatehouse.authenticators.browser;

import dev.gatehouse.metrics.GatehouseMetrics;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.utils.EmailValidationUtil;

/** Sends the browser through Keycloak's broker to the central identity provider, with a login hint. */
final class CentralRedirect {

    private CentralRedirect() {}

    /**
     * The login hint for a typed identifier (SPEC P1.2): the identifier as typed when it is an
     * e-mail address, none for a username, so that typing a username never puts an address in a URL.
     */
    static String loginHint(String typed) {
        return typed != null && EmailValidationUtil.isValidEmail(typed) ? typed : null;
    }

    /**
     * @param loginHint null for none
     * @return false when the provider is missing or disabled, so the caller can fall back
     */
    static boolean redirect(AuthenticationFlowContext context, String alias, String loginHint) {
        IdentityProviderModel provider =
                context.getSession().identityProviders().getByAlias(alias);
        if (provider == null || !provider.isEnabled()) {
            return false;
        }
        var authSession = context.getAuthenticationSession();
        String accessCode =
                new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(
                context.getUriInfo().getBaseUri(),
                alias,
                context.getRealm().getName(),
                accessCode,
                authSession.getClient().getClientId(),
                authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession),
                loginHint);
        context.forceChallenge(Response.seeOther(location).build());
        GatehouseMetrics.global().unifiedRedirect(context.getRealm().getName());
        return true;
    }
}
