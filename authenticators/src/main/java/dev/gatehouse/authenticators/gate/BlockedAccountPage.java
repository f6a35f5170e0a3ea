package dev.gatehouse.authenticators.gate;

import dev.gatehouse.authenticators.TroubleshootingLink;
import dev.gatehouse.domain.AccountStatus;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;

/**
 * The page a terminated or banned account gets once its password was proven (SPEC P6.3, P7.3):
 * what happened, what to do, and the matching section of the troubleshooting page.
 */
public final class BlockedAccountPage {

    static final String TERMINATED_TEMPLATE = "gatehouse-terminated.ftl";
    static final String BANNED_TEMPLATE = "gatehouse-banned.ftl";

    private BlockedAccountPage() {}

    public static void challenge(AuthenticationFlowContext context, UserModel user, AccountStatus status) {
        boolean banned = status == AccountStatus.BANNED;
        String reason = banned ? "account-banned" : "billing-terminated";
        context.getEvent()
                .user(user)
                .detail("gatehouse_status", status.dbValue())
                .error(Errors.USER_DISABLED);
        Response page = context.form()
                .setStatus(Response.Status.FORBIDDEN)
                .setAttribute(TroubleshootingLink.ATTRIBUTE, TroubleshootingLink.to(context, reason))
                .createForm(banned ? BANNED_TEMPLATE : TERMINATED_TEMPLATE);
        context.forceChallenge(page);
    }
}
