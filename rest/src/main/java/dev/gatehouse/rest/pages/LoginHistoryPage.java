package dev.gatehouse.rest.pages;

import dev.gatehouse.rest.account.LoginHistoryResource;
import dev.gatehouse.support.RealmUrls;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.keycloak.events.Event;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * {@code /realms/{realm}/gatehouse/login-history}: the login history of the browser's logged-in
 * user as a page (SPEC P8.2), rendered with the realm's login theme, which the {@code gatehouse}
 * account theme shows inside the account console. It reads the login session's cookie, so the
 * account console's page needs no token and no JavaScript build; without a session the page says
 * so and links to the account console, which logs in.
 */
public final class LoginHistoryPage {

    static final String TEMPLATE = "gatehouse-login-history.ftl";

    private final KeycloakSession session;

    public LoginHistoryPage(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show() {
        RealmModel realm = session.getContext().getRealm();
        AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        if (auth == null) {
            return form.setStatus(Response.Status.UNAUTHORIZED)
                    .setAttribute("logins", List.of())
                    .setAttribute("loggedIn", false)
                    .setAttribute("accountConsoleUrl", RealmUrls.accountConsole(session, realm))
                    .createForm(TEMPLATE);
        }
        List<Map<String, Object>> logins = LoginHistoryResource.logins(
                        session, auth.user().getId())
                .stream()
                .map(LoginHistoryPage::row)
                .toList();
        return form.setAttribute("logins", logins)
                .setAttribute("loggedIn", true)
                .createForm(TEMPLATE);
    }

    private static Map<String, Object> row(Event event) {
        return Map.of(
                "time",
                Instant.ofEpochMilli(event.getTime()).toString(),
                "ipAddress",
                event.getIpAddress() == null ? "" : event.getIpAddress(),
                "client",
                event.getClientId() == null ? "" : event.getClientId(),
                "success",
                LoginHistoryResource.succeeded(event));
    }
}
