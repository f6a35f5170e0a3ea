package dev.gatehouse.authenticators;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The direct-grant answer to proven credentials of a pending signup or of an account whose address
 * is unconfirmed (SPEC P2.3): {@code invalid_grant}, naming the address. A challenge, not a failure:
 * the password was right, so brute-force detection must not count it.
 */
final class UnconfirmedGrantError {

    static final String EVENT_ERROR = "gatehouse_email_not_confirmed";

    private UnconfirmedGrantError() {}

    static void refuse(AuthenticationFlowContext context, String email) {
        context.getEvent().detail("email", email).error(EVENT_ERROR);
        Response error = Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of(
                        "error",
                        "invalid_grant",
                        "error_description",
                        "You haven't confirmed your email address " + email
                                + ": follow the link in the confirmation e-mail, or sign in on the login page"
                                + " to have a new one sent"))
                .build();
        context.forceChallenge(error);
    }
}
