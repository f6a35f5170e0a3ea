package dev.gatehouse.rest.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.ApiKey;
import java.time.Instant;
import java.util.List;

/** API keys as JSON: metadata only; the key itself appears once, in the creation answer. */
final class KeyJson {

    private KeyJson() {}

    static ObjectNode of(ApiKey key) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", key.id());
        json.put("accountId", key.accountId().toString());
        json.put("name", key.name());
        json.put("createdAt", text(key.createdAt()));
        json.put("lastUsedAt", text(key.lastUsedAt()));
        json.put("revokedAt", text(key.revokedAt()));
        ArrayNode scopes = json.putArray("scopes");
        key.scopes().stream().sorted().forEach(scope -> scopes.add(scope.value()));
        json.put("expiresAt", text(key.expiresAt()));
        return json;
    }

    static ObjectNode created(ApiKey key, String fullKey) {
        ObjectNode json = of(key);
        json.put("key", fullKey);
        return json;
    }

    static ArrayNode list(List<ApiKey> keys) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        keys.forEach(key -> json.add(of(key)));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
