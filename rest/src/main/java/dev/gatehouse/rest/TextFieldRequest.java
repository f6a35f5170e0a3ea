package dev.gatehouse.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A JSON body of one required text field, such as {@code {"name": "…"}}: the stripped value, or
 * the message of a 400 that says what is wrong with it.
 */
public record TextFieldRequest(String value, String error) {

    /** How to read the field: its name, its longest length in code points, the characters it refuses. */
    public record Field(String name, int maxLength, String example, IntPredicate refused) {}

    public static TextFieldRequest parse(byte[] body, Field field) {
        Optional<String> text = RequestBody.utf8(body);
        if (text.isEmpty()) {
            return invalid("The request body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = RequestBody.JSON.readTree(text.get());
        } catch (JsonProcessingException e) {
            return invalid("The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return invalid("The request body must be a JSON object such as {\"" + field.name() + "\": \""
                    + field.example() + "\"}");
        }
        JsonNode value = node.get(field.name());
        if (value == null || value.isNull()) {
            return invalid(field.name() + " is required");
        }
        if (!value.isTextual()) {
            return invalid(field.name() + " must be a string");
        }
        String stripped = value.asText().strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < 1 || length > field.maxLength()) {
            return invalid(field.name() + " must have 1 to " + field.maxLength() + " characters");
        }
        if (stripped.codePoints().anyMatch(field.refused())) {
            return invalid(field.name() + " must not contain control characters");
        }
        return new TextFieldRequest(stripped, null);
    }

    public boolean valid() {
        return error == null;
    }

    private static TextFieldRequest invalid(String message) {
        return new TextFieldRequest(null, message);
    }
}
