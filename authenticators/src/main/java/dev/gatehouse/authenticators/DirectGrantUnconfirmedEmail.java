package dev.gatehouse.authenticators;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-direct-grant-unconfirmed}: after the password step, refuses a store account
 * whose address is unconfirmed with an {@code invalid_grant} naming the address (SPEC P2.3). A
 * wrong password never gets here: the password step has answered it the usual way.
 */
public final class DirectGrantUnconfirmedEmail extends DirectGrantStep {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-unconfirmed";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (UnconfirmedGate.blocks(user)) {
            context.getEvent().user(user);
            UnconfirmedGrantError.refuse(context, user.getEmail());
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
        return "Gatehouse unconfirmed-e-mail check";
    }

    @Override
    public String getHelpText() {
        return "Refuses direct grants of accounts whose e-mail address is not confirmed, naming the address. Put it "
                + "after the password validation.";
    }
}
