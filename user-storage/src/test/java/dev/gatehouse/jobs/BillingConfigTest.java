package dev.gatehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("BillingConfig")
class BillingConfigTest {

    @Test
    @DisplayName("defaults: warnings on days 3, 10 and 17, hourly wake-ups, batches of 500, the first gatehouse realm")
    void defaults() {
        // when
        BillingConfig config = BillingConfig.of(null);

        // then
        assertThat(config.calendar().offsets()).containsExactly(3, 10, 17);
        assertThat(config.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.realm()).isEmpty();
    }

    @Test
    @DisplayName("reads offsets with spaces, an interval, a realm and a batch size")
    void configured() {
        // when
        BillingConfig config = BillingConfig.parse(" 1, 5 ,30", "60", " gatehouse ", "100");

        // then
        assertThat(config.calendar().offsets()).containsExactly(1, 5, 30);
        assertThat(config.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.realm()).contains("gatehouse");
        assertThat(config.batchSize()).isEqualTo(100);
    }

    @ParameterizedTest(name = "offsets={0} interval={1} batch={2}")
    @CsvSource({
        "'3,x', 60,   10, billingWarningOffsets",
        "'10,3', 60,  10, offsets",
        "'0',   60,   10, offsets",
        "'3',   0,    10, billingIntervalSeconds",
        "'3',   soon, 10, billingIntervalSeconds",
        "'3',   60,   -1, billingBatchSize"
    })
    @DisplayName("refuses values it cannot use, naming what is wrong")
    void refused(String offsets, String interval, String batch, String named) {
        assertThatThrownBy(() -> BillingConfig.parse(offsets, interval, null, batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }
}
