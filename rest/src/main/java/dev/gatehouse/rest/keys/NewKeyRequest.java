package dev.gatehouse.rest.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.domain.KeyScope;
import dev.gatehouse.rest.RequestBody;
import dev.gatehouse.rest.TextFieldRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The body of a key creation, {@code {"name": "…", "scopes": ["mail.send"], "expiresAt": "…"}}:
 * the name, the scopes ({@code null}: the default of the account's level), the expiry
 * ({@code null}: none), or the message of a 400.
 */
record NewKeyRequest(String name, Set<KeyScope> scopes, Instant expiresAt, String error) {

    static final int MAX_NAME_LENGTH = 100;
    static final String SCOPES = "scopes";
    static final String EXPIRES_AT = "expiresAt";

    private static final TextFieldRequest.Field FIELD =
            new TextFieldRequest.Field("name", MAX_NAME_LENGTH, "mail relay", Character::isISOControl);

    private static final String SCOPE_VALUES =
            Arrays.stream(KeyScope.values()).map(KeyScope::value).collect(Collectors.joining(", "));

    static NewKeyRequest parse(byte[] body) {
        TextFieldRequest request = TextFieldRequest.parse(body, FIELD);
        if (!request.valid()) {
            return invalid(request.error());
        }
        JsonNode json;
        try {
            json = RequestBody.JSON.readTree(body);
        } catch (IOException e) {
            return invalid("The request body is not valid JSON");
        }
        JsonNode scopes = json.get(SCOPES);
        Set<KeyScope> parsedScopes = null;
        if (scopes != null && !scopes.isNull()) {
            Optional<Set<KeyScope>> parsed = scopes(scopes);
            if (parsed.isEmpty()) {
                return invalid(SCOPES + " must be a non-empty list of distinct values of: " + SCOPE_VALUES);
            }
            parsedScopes = parsed.get();
        }
        JsonNode expiresAt = json.get(EXPIRES_AT);
        Instant parsedExpiry = null;
        if (expiresAt != null && !expiresAt.isNull()) {
            try {
                parsedExpiry = expiresAt.isTextual()
                        ? OffsetDateTime.parse(expiresAt.asText().strip()).toInstant()
                        : null;
            } catch (DateTimeParseException e) {
                parsedExpiry = null;
            }
            if (parsedExpiry == null) {
                return invalid(EXPIRES_AT + " must be a date and time with its offset, such as 2027-01-31T00:00:00Z");
            }
        }
        return new NewKeyRequest(request.value(), parsedScopes, parsedExpiry, null);
    }

    private static Optional<Set<KeyScope>> scopes(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return Optional.empty();
        }
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        for (JsonNode value : node) {
            Optional<KeyScope> scope = value.isTextual() ? KeyScope.of(value.asText()) : Optional.empty();
            if (scope.isEmpty() || !scopes.add(scope.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(scopes);
    }

    private static NewKeyRequest invalid(String message) {
        return new NewKeyRequest(null, null, null, message);
    }

    boolean valid() {
        return error == null;
    }
}
