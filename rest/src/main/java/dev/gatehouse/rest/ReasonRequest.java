package dev.gatehouse.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The body of a ban or termination, {@code {"reason": "…"}}: the reason, or the message of a 400. */
record ReasonRequest(String reason, String error) {

    static final int MAX_REASON_LENGTH = 500;

    static ReasonRequest parse(byte[] body) {
        Optional<String> text = RequestBody.utf8(body);
        if (text.isEmpty()) {
            return invalid("The request body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = CheckRequest.JSON.readTree(text.get());
        } catch (JsonProcessingException e) {
            return invalid("The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return invalid("The request body must be a JSON object such as {\"reason\": \"spam\"}");
        }
        JsonNode reason = node.get("reason");
        if (reason == null || reason.isNull()) {
            return invalid("reason is required");
        }
        if (!reason.isTextual()) {
            return invalid("reason must be a string");
        }
        String value = reason.asText().strip();
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_REASON_LENGTH) {
            return invalid("reason must have 1 to " + MAX_REASON_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return invalid("reason must not contain control characters");
        }
        return new ReasonRequest(value, null);
    }

    boolean valid() {
        return error == null;
    }

    private static ReasonRequest invalid(String message) {
        return new ReasonRequest(null, message);
    }
}
