package dev.gatehouse.authenticators.reset;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RequestLimits;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialChooseUser;

/**
 * {@code gatehouse-reset-choose-user}: Keycloak's "choose user" of the reset-credentials flow
 * behind the limits of "Forgot password?" (SPEC S3), checked before Keycloak looks the identifier
 * up or records an event, so that a refused request stores nothing. Realm attributes
 * {@code gatehouseForgotPasswordLimit} (per identifier as typed, default 5),
 * {@code gatehouseForgotPasswordIpLimit} (per client IP, default 30) and
 * {@code gatehouseForgotPasswordWindowSeconds} (default 3600) set them. The identifier is counted
 * as typed, not as the account it names, so the count says nothing about accounts.
 */
final class ResetChooseUser implements StatelessAuthenticator {

    static final String TOO_MANY = "gatehouse.resetTooMany";

    private final ResetCredentialChooseUser keycloak = new ResetCredentialChooseUser();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        keycloak.authenticate(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String identifier = context.getHttpRequest().getDecodedFormParameters().getFirst("username");
        if (identifier != null
                && !identifier.isBlank()
                && !new RequestLimits(context.getSession(), context.getRealm(), RealmAttributes.FORGOT_PASSWORD_LIMITS)
                        .allow(Identifiers.key(identifier.strip()), RequestLimits.clientIp(context.getSession()))) {
            context.forceChallenge(context.form()
                    .setStatus(Response.Status.TOO_MANY_REQUESTS)
                    .setError(TOO_MANY)
                    .createPasswordReset());
            return;
        }
        keycloak.action(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
