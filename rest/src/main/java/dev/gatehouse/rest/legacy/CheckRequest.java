package dev.gatehouse.rest.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.rest.RequestBody;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a {@code POST api/v1/auth}, from a form or a JSON object body, or the reason the
 * body is unusable. Plain Java, so every malformed input is unit-tested.
 */
public final class CheckRequest {

    static final String API_USER = "api_user";
    static final String API_KEY = "api_key";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON_TYPE = "application/json";

    /** Longest {@code api_user} or {@code api_key} accepted (usernames have at most 256 characters). */
    static final int MAX_FIELD_LENGTH = 1024;

    /** Either both fields, or the HTTP status and message to answer instead. */
    record Parsed(String apiUser, String apiKey, int status, String field, String error) {
        boolean valid() {
            return error == null;
        }

        static Parsed fields(String apiUser, String apiKey) {
            return new Parsed(apiUser, apiKey, 200, null, null);
        }

        static Parsed invalid(int status, String field, String error) {
            return new Parsed(null, null, status, field, error);
        }
    }

    private CheckRequest() {}

    /** Whether the body is a form, which Keycloak's HTTP layer has already read and decoded. */
    static boolean isForm(String contentType) {
        return mediaType(contentType).equals(FORM);
    }

    /** A JSON body, or a 415 for anything that is neither JSON nor a form. */
    static Parsed json(String contentType, byte[] body) {
        if (!mediaType(contentType).equals(JSON_TYPE)) {
            return Parsed.invalid(
                    415, null, "Send " + FORM + " or " + JSON_TYPE + " with fields " + API_USER + " and " + API_KEY);
        }
        Optional<String> text = RequestBody.utf8(body);
        if (text.isEmpty()) {
            return Parsed.invalid(400, null, "The request body is not valid UTF-8");
        }
        Optional<Map<String, String>> json = jsonFields(text.get());
        if (json.isEmpty()) {
            return Parsed.invalid(
                    400,
                    null,
                    "The request body must be a JSON object with string fields " + API_USER + " and " + API_KEY);
        }
        return fields(json.get());
    }

    /**
     * Form fields as Keycloak decoded them. Its decoder replaces bytes that are not UTF-8 with
     * U+FFFD, so a replacement character means the client sent invalid UTF-8. A field given twice
     * is refused rather than guessed.
     */
    static Parsed form(Map<String, List<String>> form) {
        Map<String, String> fields = new HashMap<>();
        long size = 0;
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            for (String value : field.getValue()) {
                size += field.getKey().length() + (value == null ? 0 : value.length());
                if (field.getKey().indexOf('\uFFFD') >= 0 || (value != null && value.indexOf('\uFFFD') >= 0)) {
                    return Parsed.invalid(400, null, "The form body is not valid URL-encoded UTF-8");
                }
            }
            if ((field.getKey().equals(API_USER) || field.getKey().equals(API_KEY))
                    && field.getValue().size() > 1) {
                return Parsed.invalid(400, field.getKey(), field.getKey() + " is given more than once");
            }
            if (!field.getValue().isEmpty()) {
                fields.put(field.getKey(), field.getValue().get(0));
            }
        }
        if (size > RequestBody.MAX_BYTES) {
            return Parsed.invalid(413, null, "The request body is larger than " + RequestBody.MAX_BYTES + " bytes");
        }
        return fields(fields);
    }

    private static Parsed fields(Map<String, String> fields) {
        for (String name : new String[] {API_USER, API_KEY}) {
            String value = fields.get(name);
            if (value == null || value.isBlank()) {
                return Parsed.invalid(400, name, name + " is required");
            }
            if (value.length() > MAX_FIELD_LENGTH) {
                return Parsed.invalid(400, name, name + " is longer than " + MAX_FIELD_LENGTH + " characters");
            }
        }
        return Parsed.fields(fields.get(API_USER), fields.get(API_KEY));
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The object's fields; empty for anything but an object whose two fields, if present, are strings. */
    private static Optional<Map<String, String>> jsonFields(String text) {
        JsonNode node;
        try {
            node = RequestBody.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String name : new String[] {API_USER, API_KEY}) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                if (!value.isTextual()) {
                    return Optional.empty();
                }
                fields.put(name, value.asText());
            }
        }
        return Optional.of(fields);
    }
}
