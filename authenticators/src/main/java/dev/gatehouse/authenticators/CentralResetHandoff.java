package dev.gatehouse.authenticators;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-central-reset}: in the reset-credentials flow, a linked account's password lives
 * at the central identity provider; instead of a reset e-mail it gets a page that links to the
 * central reset and says the new password applies to both (SPEC P1.8).
 */
final class CentralResetHandoff implements StatelessAuthenticator {

    static final String TEMPLATE = "gatehouse-central-reset.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        CentralIdentity central = CentralIdentity.of(context.getRealm());
        if (user == null || !central.isLinked(context.getSession(), context.getRealm(), user)) {
            context.success();
            return;
        }
        context.getEvent().user(user).detail("gatehouse_reset", "central");
        context.challenge(context.form()
                .setAttribute("centralResetUrl", central.resetUrl())
                .setAttribute(TroubleshootingLink.ATTRIBUTE, TroubleshootingLink.to(context, "reset-password"))
                .createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
