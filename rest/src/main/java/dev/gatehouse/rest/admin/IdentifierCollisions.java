package dev.gatehouse.rest.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.store.IdentifierCollisionRepository.Collision;
import java.util.List;

/**
 * The collision report as JSON: {@code [{"kind", "key", "detectedAt", "records": [{"record", "id",
 * "username", "email", "resolution"}]}]}, one entry per kind and key.
 */
final class IdentifierCollisions {

    private IdentifierCollisions() {}

    static ArrayNode json(List<Collision> rows) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        ObjectNode current = null;
        for (Collision row : rows) {
            if (current == null
                    || !current.get("kind").asText().equals(row.kind())
                    || !current.get("key").asText().equals(row.key())) {
                current = json.addObject();
                current.put("kind", row.kind());
                current.put("key", row.key());
                current.put("detectedAt", row.detectedAt().toString());
                current.putArray("records");
            }
            ObjectNode record = ((ArrayNode) current.get("records")).addObject();
            record.put("record", row.record());
            record.put("id", row.recordId().toString());
            record.put("username", row.username());
            record.put("email", row.email());
            record.put("resolution", row.resolution());
        }
        return json;
    }
}
