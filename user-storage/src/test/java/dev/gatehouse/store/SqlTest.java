package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sql.uuidArray()")
class SqlTest {

    @Test
    @DisplayName("ids become one PostgreSQL array literal, in their order")
    void literal() {
        UUID first = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID second = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");

        assertThat(Sql.uuidArray(List.of(first, second)))
                .isEqualTo("{00000000-0000-0000-0000-000000000001,f47ac10b-58cc-4372-a567-0e02b2c3d479}");
    }

    @Test
    @DisplayName("one id is an array of one")
    void single() {
        UUID id = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");

        assertThat(Sql.uuidArray(List.of(id))).isEqualTo("{f47ac10b-58cc-4372-a567-0e02b2c3d479}");
    }
}
