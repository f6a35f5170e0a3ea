package dev.gatehouse.authenticators.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("SignupDecision")
class SignupDecisionTest {

    @ParameterizedTest(name = "banned: {0}, in use: {1}, username taken: {2} -> {3}")
    @CsvSource({
        "false, false, false, RESERVE",
        "false, false, true, USERNAME_TAKEN",
        "false, true, false, NOTIFY_OWNER",
        "false, true, true, NOTIFY_OWNER",
        "true, false, false, IGNORE",
        "true, true, true, IGNORE"
    })
    @DisplayName("reserves free ones, tells the address's owner what is taken, and gives a banned address nothing")
    void decides(boolean banned, boolean inUse, boolean usernameTaken, SignupDecision expected) {
        assertThat(SignupDecision.of(banned, inUse, usernameTaken)).isEqualTo(expected);
    }
}
