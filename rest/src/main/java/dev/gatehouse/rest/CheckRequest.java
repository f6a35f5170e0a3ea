package dev.gatehouse.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a {@code POST api/v1/auth}, from a form or a JSON object body, or the reason the
 * body is unusable. Plain Java over bytes, so every malformed input is unit-tested.
 */
final class CheckRequest {

    static final String API_USER = "api_user";
    static final String API_KEY = "api_key";

    /** Longest {@code api_user} or {@code api_key} accepted (usernames have at most 256 characters). */
    static final int MAX_FIELD_LENGTH = 1024;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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

    static Parsed parse(String contentType, byte[] body) {
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Optional<String> text = RequestBody.utf8(body);
        if (text.isEmpty()) {
            return Parsed.invalid(400, null, "The request body is not valid UTF-8");
        }
        Map<String, String> fields;
        switch (mediaType) {
            case "application/json" -> {
                Optional<Map<String, String>> json = jsonFields(text.get());
                if (json.isEmpty()) {
                    return Parsed.invalid(
                            400,
                            null,
                            "The request body must be a JSON object with string fields " + API_USER + " and "
                                    + API_KEY);
                }
                fields = json.get();
            }
            case "application/x-www-form-urlencoded" -> {
                Optional<Map<String, String>> form = formFields(body);
                if (form.isEmpty()) {
                    return Parsed.invalid(400, null, "The form body is not valid URL-encoded UTF-8");
                }
                fields = form.get();
            }
            default -> {
                return Parsed.invalid(
                        415,
                        null,
                        "Send application/x-www-form-urlencoded or application/json with fields " + API_USER + " and "
                                + API_KEY);
            }
        }
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

    /** The object's fields; empty for anything but an object whose two fields, if present, are strings. */
    private static Optional<Map<String, String>> jsonFields(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
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

    /** Form fields, percent-decoded to bytes and then strictly as UTF-8; a repeated field is refused. */
    private static Optional<Map<String, String>> formFields(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start);
                int nameEnd = equals >= 0 && equals < end ? equals : end;
                Optional<String> name = decode(body, start, nameEnd);
                Optional<String> value = nameEnd < end ? decode(body, nameEnd + 1, end) : Optional.of("");
                if (name.isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                if (fields.put(name.get(), value.get()) != null
                        && (name.get().equals(API_USER) || name.get().equals(API_KEY))) {
                    return Optional.empty();
                }
            }
            start = end + 1;
        }
        return Optional.of(fields);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static Optional<String> decode(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    return Optional.empty();
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return RequestBody.utf8(out.toByteArray());
    }
}
