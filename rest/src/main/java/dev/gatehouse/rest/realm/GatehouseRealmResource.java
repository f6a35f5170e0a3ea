package dev.gatehouse.rest.realm;

import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.rest.account.LoginHistoryResource;
import dev.gatehouse.rest.account.OwnActivityResource;
import dev.gatehouse.rest.account.OwnApiKeysResource;
import dev.gatehouse.rest.account.OwnTeamResource;
import dev.gatehouse.rest.legacy.ApiV1Resource;
import dev.gatehouse.rest.pages.ConfirmEmailResource;
import dev.gatehouse.rest.pages.ForgotUsernameResource;
import dev.gatehouse.rest.pages.LoginHistoryPage;
import dev.gatehouse.rest.pages.TroubleshootingResource;
import dev.gatehouse.rest.team.TeammateInviteResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/gatehouse}: the root of Gatehouse's public endpoints. Each area is a
 * sub-resource locator; Keycloak routes a realm resource only through methods with a {@code @Path}.
 */
public final class GatehouseRealmResource {

    private final KeycloakSession session;
    private final ApiKeyFormat format;

    GatehouseRealmResource(KeycloakSession session, ApiKeyFormat format) {
        this.session = session;
        this.format = format;
    }

    @Path("api/v1")
    public ApiV1Resource apiV1() {
        return new ApiV1Resource(session, format);
    }

    @Path("forgot-username")
    public ForgotUsernameResource forgotUsername() {
        return new ForgotUsernameResource(session);
    }

    @Path("confirm-email")
    public ConfirmEmailResource confirmEmail() {
        return new ConfirmEmailResource(session);
    }

    @Path("troubleshooting")
    public TroubleshootingResource troubleshooting() {
        return new TroubleshootingResource(session);
    }

    @Path("account")
    public OwnApiKeysResource account() {
        return new OwnApiKeysResource(session, format);
    }

    // Longer literal paths than "account": JAX-RS routes account/teammates… here, not to the keys.
    @Path("account/teammates")
    public OwnTeamResource teammates() {
        return new OwnTeamResource(session);
    }

    @Path("account/activity")
    public OwnActivityResource activity() {
        return new OwnActivityResource(session);
    }

    @Path("account/login-history")
    public LoginHistoryResource loginHistory() {
        return new LoginHistoryResource(session);
    }

    @Path("login-history")
    public LoginHistoryPage loginHistoryPage() {
        return new LoginHistoryPage(session);
    }

    @Path("teammates/accept")
    public TeammateInviteResource acceptTeammateInvitation() {
        return new TeammateInviteResource(session);
    }
}
