package dev.gatehouse.authenticators;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-direct-grant-central}: a linked account has no usable legacy password, so a
 * direct grant for it fails whatever the password, telling the user to sign in centrally (SPEC P1.5).
 */
public final class DirectGrantCentralCheck extends DirectGrantStep {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-central";
    static final String EVENT_ERROR = "gatehouse_central_login_required";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        CentralIdentity central = CentralIdentity.of(context.getRealm());
        if (user != null && central.isLinked(context.getSession(), context.getRealm(), user)) {
            context.getEvent().user(user).error(EVENT_ERROR);
            Response error = errorResponse(
                    Response.Status.BAD_REQUEST.getStatusCode(),
                    "invalid_grant",
                    "This account signs in with its central account: use the '" + central.alias()
                            + "' login, its legacy password no longer works");
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, error);
            return;
        }
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse central-login check";
    }

    @Override
    public String getHelpText() {
        return "Refuses direct grants of accounts linked to the central identity provider, whose legacy password "
                + "no longer works.";
    }
}
