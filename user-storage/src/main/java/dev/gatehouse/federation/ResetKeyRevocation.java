package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;

/**
 * The update-password page's "also revoke my API keys" checkbox (issue 16): a password reset may
 * follow a stolen password, and keys created with it would outlive the reset. The box is the
 * {@value #FIELD} field of the form Keycloak's update-password required action posts; it is
 * checked by default unless the user chose to change the password from an app (see the
 * {@code login-update-password.ftl} template). Keycloak ignores fields it does not know, so the
 * account store reads it when it stores the new password, in the same request.
 */
final class ResetKeyRevocation {

    static final String FIELD = "gatehouse-revoke-api-keys";

    /** The activity entry of the revocation, its detail the number of keys revoked. */
    static final String API_KEYS_REVOKED = "api_keys_revoked";

    private static final Logger LOG = Logger.getLogger(ResetKeyRevocation.class);

    private ResetKeyRevocation() {}

    /** Revokes the account's keys if the form that changes its password asked for it. */
    static void applyIfAsked(KeycloakSession session, Account account, String who) {
        if (!asked(session)) {
            return;
        }
        int revoked = GatehouseAccounts.apiKeys(session).revokeAll(account.id());
        GatehouseAccounts.activity(session).record(account.id(), who, API_KEYS_REVOKED, String.valueOf(revoked));
        LOG.debugf("Password change of account %s revoked %d API keys", account.id(), revoked);
    }

    private static boolean asked(KeycloakSession session) {
        if (session.getContext().getAuthenticationSession() == null) {
            return false;
        }
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || !HttpMethod.POST.equals(request.getHttpMethod())) {
            return false;
        }
        try {
            MultivaluedMap<String, String> form = request.getDecodedFormParameters();
            return form != null && "on".equals(form.getFirst(FIELD));
        } catch (RuntimeException notAForm) {
            return false;
        }
    }
}
