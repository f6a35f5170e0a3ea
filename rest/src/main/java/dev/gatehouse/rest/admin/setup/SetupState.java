package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.RealmModel;

/**
 * What setup added to a realm and what it replaced, kept in the realm attribute {@value #ATTRIBUTE}
 * so that uninstall removes exactly what setup added (never what the realm had before) and puts the
 * replaced values back. A previous value is recorded once, by the first setup that replaced it.
 */
final class SetupState {

    static final String ATTRIBUTE = "gatehouseSetup";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RealmModel realm;
    private final ObjectNode state;

    private SetupState(RealmModel realm, ObjectNode state) {
        this.realm = realm;
        this.state = state;
    }

    static SetupState of(RealmModel realm) {
        String text = realm.getAttribute(ATTRIBUTE);
        ObjectNode state = null;
        if (text != null) {
            try {
                JsonNode json = MAPPER.readTree(text);
                state = json instanceof ObjectNode object ? object : null;
            } catch (JsonProcessingException e) {
                state = null;
            }
        }
        if (state == null) {
            state = MAPPER.createObjectNode();
        }
        return new SetupState(realm, state);
    }

    boolean installed() {
        return realm.getAttribute(ATTRIBUTE) != null;
    }

    /** Records a thing setup created (a kind's list keeps each name once) and saves. */
    void added(String kind, String name) {
        ArrayNode names = state.with("added").withArray(kind);
        for (JsonNode existing : names) {
            if (existing.asText().equals(name)) {
                return;
            }
        }
        names.add(name);
        save();
    }

    List<String> added(String kind) {
        List<String> names = new ArrayList<>();
        JsonNode list = state.path("added").path(kind);
        list.forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Records the value a setting had before setup first replaced it (null: it had none) and saves. */
    void previous(String key, JsonNode value) {
        ObjectNode previous = state.with("previous");
        if (!previous.has(key)) {
            previous.set(key, value);
            save();
        }
    }

    void previous(String key, String value) {
        previous(
                key, value == null ? MAPPER.nullNode() : MAPPER.getNodeFactory().textNode(value));
    }

    boolean hasPrevious(String key) {
        return state.path("previous").has(key);
    }

    Optional<JsonNode> previous(String key) {
        JsonNode value = state.path("previous").get(key);
        return Optional.ofNullable(value);
    }

    List<String> previousKeys() {
        List<String> keys = new ArrayList<>();
        state.path("previous").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    void clear() {
        realm.removeAttribute(ATTRIBUTE);
    }

    void save() {
        realm.setAttribute(ATTRIBUTE, state.toString());
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
