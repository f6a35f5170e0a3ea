package dev.gatehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RevocationConfig")
class RevocationConfigTest {

    @Test
    @DisplayName("retries every 10 seconds by default")
    void defaults() {
        assertThat(RevocationConfig.parse(null).retryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(RevocationConfig.parse(" ").retryInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("takes a positive number of seconds")
    void seconds() {
        assertThat(RevocationConfig.parse(" 3 ").retryInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("refuses zero, negative and non-numeric values")
    void refuses() {
        for (String bad : new String[] {"0", "-1", "soon"}) {
            assertThatThrownBy(() -> RevocationConfig.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("revocationRetrySeconds");
        }
    }
}
