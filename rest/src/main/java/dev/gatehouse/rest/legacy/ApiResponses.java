package dev.gatehouse.rest.legacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.KeyScope;
import dev.gatehouse.rest.RequestBody;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * The answers of the legacy API, in its error format {@code {"errors":[{"field":…,"message":…}]}}.
 * The messages are the legacy API's English contract that clients match on, not UI text, so they
 * live here rather than in the login theme's message bundles.
 */
final class ApiResponses {

    static final String BAD_CREDENTIALS_MESSAGE = "Bad username / password";

    /** One constant byte array: every bad-credentials answer is the same bytes. */
    private static final byte[] BAD_CREDENTIALS = ("{\"errors\":[{\"field\":null,\"message\":\""
                    + BAD_CREDENTIALS_MESSAGE + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private ApiResponses() {}

    static Response badCredentials() {
        return json(401, BAD_CREDENTIALS.clone());
    }

    /**
     * Names the key's account and what the key may do. Written by hand: a UUID and the scope values
     * need no escaping, and this answer is the hot path's (no Jackson tree).
     */
    static Response success(UUID accountId, Set<KeyScope> scopes) {
        StringBuilder json = new StringBuilder("{\"message\":\"success\",\"account_id\":\"")
                .append(accountId)
                .append("\",\"scopes\":[");
        String separator = "";
        for (KeyScope scope : scopes) {
            json.append(separator).append('"').append(scope.value()).append('"');
            separator = ",";
        }
        return json(200, json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    static Response terminated(String troubleshootingUrl) {
        ObjectNode error = error(null, "This account has been terminated for non-payment");
        error.put("code", "account_terminated");
        error.put("troubleshooting", troubleshootingUrl);
        return json(403, errors(error));
    }

    static Response invalid(int status, String field, String message) {
        return json(status, errors(error(field, message)));
    }

    static Response tooLarge() {
        return invalid(413, null, "The request body is larger than " + RequestBody.MAX_BYTES + " bytes");
    }

    static Response unavailable() {
        return invalid(503, null, "The service is temporarily unavailable");
    }

    private static ObjectNode error(String field, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static ObjectNode errors(ObjectNode error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode errors = body.putArray("errors");
        errors.add(error);
        return body;
    }

    private static Response json(int status, Object entity) {
        byte[] bytes = entity instanceof byte[] raw ? raw : entity.toString().getBytes(StandardCharsets.UTF_8);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(NO_STORE)
                .entity(bytes)
                .build();
    }
}
