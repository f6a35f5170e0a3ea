package dev.gatehouse.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The body of a key creation, {@code {"name": "…"}}: the name, or the message of a 400. */
record NewKeyRequest(String name, String error) {

    static final int MAX_NAME_LENGTH = 100;

    static NewKeyRequest parse(byte[] body) {
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
            return invalid("The request body must be a JSON object such as {\"name\": \"mail relay\"}");
        }
        JsonNode name = node.get("name");
        if (name == null || name.isNull()) {
            return invalid("name is required");
        }
        if (!name.isTextual()) {
            return invalid("name must be a string");
        }
        String value = name.asText().strip();
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_NAME_LENGTH) {
            return invalid("name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return invalid("name must not contain control characters");
        }
        return new NewKeyRequest(value, null);
    }

    boolean valid() {
        return error == null;
    }

    private static NewKeyRequest invalid(String message) {
        return new NewKeyRequest(null, message);
    }
}
