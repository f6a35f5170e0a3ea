package dev.gatehouse.rest.legacy;

import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.domain.ApiKeyCheck;
import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.metrics.GatehouseMetrics;
import dev.gatehouse.metrics.GatehouseMetrics.ApiKeyResult;
import dev.gatehouse.rest.RequestBody;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.support.RealmUrls;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /realms/{realm}/gatehouse/api/v1}: the legacy API credential check (SPEC P5.2). */
public final class ApiV1Resource {

    static final String TERMINATED_SECTION = "billing-terminated";

    private static final Logger LOG = Logger.getLogger(ApiV1Resource.class);
    private static final AccountPolicy POLICY = new AccountPolicy();

    private final KeycloakSession session;
    private final ApiKeyFormat format;

    public ApiV1Resource(KeycloakSession session, ApiKeyFormat format) {
        this.session = session;
        this.format = format;
    }

    @POST
    @Path("auth")
    @Produces(MediaType.APPLICATION_JSON)
    public Response auth(InputStream body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        if (declaredLength(headers) > RequestBody.MAX_BYTES) {
            return ApiResponses.tooLarge();
        }
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        CheckRequest.Parsed request;
        if (CheckRequest.isForm(contentType)) {
            request = formRequest();
        } else {
            Optional<byte[]> bytes;
            try {
                bytes = RequestBody.read(body);
            } catch (IOException e) {
                return ApiResponses.invalid(400, null, "The request body could not be read");
            }
            if (bytes.isEmpty()) {
                return ApiResponses.tooLarge();
            }
            request = CheckRequest.json(contentType, bytes.get());
        }
        if (!request.valid()) {
            return ApiResponses.invalid(request.status(), request.field(), request.error());
        }
        try {
            return answer(check().check(request.apiUser(), request.apiKey()));
        } catch (AccountStoreUnavailableException e) {
            LOG.warnf("API key check refused while the account store is unavailable: %s", e.getCause());
            return ApiResponses.unavailable();
        }
    }

    /** Keycloak's HTTP layer reads form bodies before the resource runs; ask it for the fields. */
    private CheckRequest.Parsed formRequest() {
        try {
            return CheckRequest.form(session.getContext().getHttpRequest().getDecodedFormParameters());
        } catch (RuntimeException undecodable) {
            return CheckRequest.Parsed.invalid(400, null, "The form body is not valid URL-encoded UTF-8");
        }
    }

    private ApiKeyCheck check() {
        return new ApiKeyCheck(format, GatehouseAccounts.apiKeys(session), POLICY);
    }

    private Response answer(ApiKeyCheck.Outcome outcome) {
        RealmModel realm = session.getContext().getRealm();
        if (outcome instanceof ApiKeyCheck.Success success) {
            GatehouseMetrics.global().apiKeyCheck(realm.getName(), ApiKeyResult.OK);
            return ApiResponses.success(success.accountId(), success.scopes());
        }
        if (outcome instanceof ApiKeyCheck.Refused refused) {
            GatehouseMetrics.global().apiKeyCheck(realm.getName(), ApiKeyResult.FORBIDDEN);
            AccountStatus status = refused.decision().effectiveStatus();
            return status == AccountStatus.TERMINATED
                    ? ApiResponses.terminated(troubleshootingUrl())
                    : ApiResponses.invalid(403, null, "This account cannot use API keys while " + status.dbValue());
        }
        ApiKeyCheck.Failure failure = ((ApiKeyCheck.BadCredentials) outcome).failure();
        GatehouseMetrics.global().apiKeyCheck(realm.getName(), ApiKeyResult.FAILED);
        String clientIp = session.getContext().getConnection().getRemoteAddr();
        long failures = FailedChecks.instance().record(realm.getId(), clientIp);
        LOG.debugf("API key check failed (%s) from %s: %d failures from that address", failure, clientIp, failures);
        return ApiResponses.badCredentials();
    }

    private String troubleshootingUrl() {
        return RealmUrls.troubleshooting(session, session.getContext().getRealm())
                .fragment(TERMINATED_SECTION)
                .build()
                .toString();
    }

    private static long declaredLength(HttpHeaders headers) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
