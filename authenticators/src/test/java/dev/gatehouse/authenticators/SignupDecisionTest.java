package dev.gatehouse.authenticators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("SignupDecision")
class SignupDecisionTest {

    @ParameterizedTest(name = "banned: {0}, in use: {1} -> {2}")
    @CsvSource({"false, false, RESERVE", "false, true, NOTIFY_OWNER", "true, false, IGNORE", "true, true, IGNORE"})
    @DisplayName("reserves a free address, tells the owner of one in use, and gives a banned one nothing")
    void decides(boolean banned, boolean inUse, SignupDecision expected) {
        assertThat(SignupDecision.of(banned, inUse)).isEqualTo(expected);
    }
}
