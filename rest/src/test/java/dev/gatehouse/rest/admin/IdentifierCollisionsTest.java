package dev.gatehouse.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.store.IdentifierCollisionRepository.Collision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IdentifierCollisions")
class IdentifierCollisionsTest {

    private static final Instant DETECTED = Instant.parse("2026-12-07T12:00:00Z");

    private static Collision row(String kind, String key, String username, String resolution) {
        return new Collision(kind, key, "account", UUID.randomUUID(), username, null, resolution, DETECTED);
    }

    @Test
    @DisplayName("groups consecutive records of one kind and key into one entry")
    void groupsByKindAndKey() {
        // given
        List<Collision> rows = List.of(
                row("username", "legacy", "Legacy", "kept-username"),
                row("username", "legacy", "\u217Cegacy", "username-withheld"),
                row("username-email", "legacy", "legacy", "kept-username"),
                row("username", "zoe", "Zo\u00EB", "kept-username"));

        // when
        ArrayNode json = IdentifierCollisions.json(rows);

        // then
        assertThat(json).hasSize(3);
        assertThat(json.get(0).get("kind").asText()).isEqualTo("username");
        assertThat(json.get(0).get("records")).hasSize(2);
        assertThat(json.get(0).at("/records/1/username").asText()).isEqualTo("\u217Cegacy");
        assertThat(json.get(0).at("/records/1/resolution").asText()).isEqualTo("username-withheld");
        assertThat(json.get(0).at("/records/0/email").isNull()).isTrue();
        assertThat(json.get(1).get("kind").asText()).isEqualTo("username-email");
        assertThat(json.get(2).get("key").asText()).isEqualTo("zoe");
        assertThat(json.get(2).get("detectedAt").asText()).isEqualTo("2026-12-07T12:00:00Z");
    }

    @Test
    @DisplayName("answers an empty array when nothing collided")
    void empty() {
        assertThat(IdentifierCollisions.json(List.of())).isEmpty();
    }
}
