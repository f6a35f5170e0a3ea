package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST …/gatehouse/setup}: the central identity provider's alias, its password
 * reset URL, and the opt-in switches ({@link SetupSwitch}); every field is optional, an empty body
 * applies what every realm needs and nothing realm-wide.
 *
 * @param smtp the SMTP settings of the {@code smtp} switch, Keycloak's keys ({@code host}, {@code port},
 *     {@code from}, …); empty when the switch is off
 */
record SetupRequest(
        Optional<String> centralAlias,
        Optional<String> centralResetUrl,
        Set<SetupSwitch> switches,
        Map<String, String> smtp) {

    static final String CENTRAL_ALIAS = "centralAlias";
    static final String CENTRAL_RESET_URL = "centralResetUrl";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> SMTP_KEYS =
            Set.of("host", "port", "from", "fromDisplayName", "replyTo", "auth", "user", "password", "ssl", "starttls");

    /** Thrown for a body setup refuses; the message says what to fix. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static SetupRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new SetupRequest(Optional.empty(), Optional.empty(), EnumSet.noneOf(SetupSwitch.class), Map.of());
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Invalid("The body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("The body must be a JSON object");
        }
        Optional<String> alias = Optional.empty();
        Optional<String> resetUrl = Optional.empty();
        Set<SetupSwitch> switches = EnumSet.noneOf(SetupSwitch.class);
        Map<String, String> smtp = Map.of();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (CENTRAL_ALIAS.equals(name)) {
                alias = Optional.of(text(name, value));
            } else if (CENTRAL_RESET_URL.equals(name)) {
                resetUrl = Optional.of(url(text(name, value)));
            } else if (SetupSwitch.SMTP.key().equals(name)) {
                smtp = smtp(value);
                switches.add(SetupSwitch.SMTP);
            } else {
                SetupSwitch setting = SetupSwitch.byKey(name)
                        .orElseThrow(() -> new Invalid("Unknown field " + name + "; known: " + known()));
                if (!value.isBoolean()) {
                    throw new Invalid(name + " must be true or false");
                }
                if (value.booleanValue()) {
                    switches.add(setting);
                }
            }
        }
        if (resetUrl.isPresent() && alias.isEmpty()) {
            throw new Invalid(CENTRAL_RESET_URL + " needs " + CENTRAL_ALIAS + ": it is where linked accounts reset");
        }
        return new SetupRequest(alias, resetUrl, switches, smtp);
    }

    boolean on(SetupSwitch setting) {
        return switches.contains(setting);
    }

    private static String text(String name, JsonNode value) {
        if (!value.isTextual()
                || value.textValue().isBlank()
                || value.textValue().length() > 255) {
            throw new Invalid(name + " must be a non-empty string of at most 255 characters");
        }
        return value.textValue().strip();
    }

    private static String url(String value) {
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new Invalid(CENTRAL_RESET_URL + " must be an absolute http or https URL");
    }

    private static Map<String, String> smtp(JsonNode value) {
        if (!value.isObject()) {
            throw new Invalid("smtp must be an object of Keycloak's SMTP settings (host, port, from, …)");
        }
        Map<String, String> smtp = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!SMTP_KEYS.contains(field.getKey())) {
                throw new Invalid(
                        "Unknown SMTP setting " + field.getKey() + "; known: " + String.join(", ", SMTP_KEYS));
            }
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new Invalid("smtp." + field.getKey() + " must be a string, number or boolean");
            }
            smtp.put(field.getKey(), field.getValue().asText());
        }
        if (!smtp.containsKey("host") || !smtp.containsKey("from")) {
            throw new Invalid("smtp needs at least host and from");
        }
        return Map.copyOf(smtp);
    }

    private static String known() {
        StringBuilder names = new StringBuilder(CENTRAL_ALIAS + ", " + CENTRAL_RESET_URL);
        for (SetupSwitch setting : SetupSwitch.values()) {
            names.append(", ").append(setting.key());
        }
        return names.toString();
    }
}
