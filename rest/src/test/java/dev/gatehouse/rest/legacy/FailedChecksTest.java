package dev.gatehouse.rest.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FailedChecks")
class FailedChecksTest {

    @Test
    @DisplayName("counts per realm and address")
    void counts() {
        FailedChecks checks = new FailedChecks();

        assertThat(checks.record("r1", "10.0.0.1")).isEqualTo(1);
        assertThat(checks.record("r1", "10.0.0.1")).isEqualTo(2);
        checks.record("r1", "10.0.0.2");
        checks.record("r2", "10.0.0.1");

        assertThat(checks.snapshot("r1")).containsEntry("10.0.0.1", 2L).containsEntry("10.0.0.2", 1L);
        assertThat(checks.total("r1")).isEqualTo(3);
        assertThat(checks.total("r2")).isEqualTo(1);
        assertThat(checks.total("unknown")).isZero();
    }

    @Test
    @DisplayName("stays bounded: past the limit new addresses count under 'other'")
    void bounded() {
        FailedChecks checks = new FailedChecks();
        for (int i = 0; i < FailedChecks.MAX_ADDRESSES + 50; i++) {
            checks.record("r", "ip-" + i);
        }
        checks.record("r", null);

        assertThat(checks.snapshot("r")).hasSizeLessThanOrEqualTo(FailedChecks.MAX_ADDRESSES + 1);
        assertThat(checks.total("r")).isEqualTo(FailedChecks.MAX_ADDRESSES + 51L);
        assertThat(checks.snapshot("r").get(FailedChecks.OTHER)).isEqualTo(51L);
    }
}
