package dev.gatehouse.authenticators.browser;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.federation.SecondFactors;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-second-factor-enrolment}: with the realm's {@code requireSecondFactor} on, an
 * unlinked store account that holds no second factor gets Keycloak's TOTP set-up and recovery
 * codes as required actions of this login, which run before any code or token is issued (SPEC P9.2).
 * Set on the authentication session, not the user, so that the setting alone decides: turning it
 * off leaves nothing behind.
 */
final class SecondFactorEnrolment implements StatelessAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (SecondFactors.enrolmentDue(context.getRealm(), context.getUser())) {
            context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
            context.getAuthenticationSession()
                    .addRequiredAction(UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name());
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
