package dev.gatehouse.authenticators.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CentralLinkDecision")
class CentralLinkDecisionTest {

    private static final String SUBJECT = "central-subject";
    private static final Optional<Boolean> VERIFIED = Optional.of(true);
    private static final Optional<Boolean> ADMIN = Optional.empty();

    @Nested
    @DisplayName("a link the store records")
    class Recorded {

        @Test
        @DisplayName("stays when it is the same subject, whatever else holds")
        void sameSubject() {
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.of(SUBJECT), true, false, Optional.of(false)))
                    .isEqualTo(CentralLinkDecision.ALLOW);
        }

        @Test
        @DisplayName("is refused for another subject")
        void otherSubject() {
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.of("other"), false, true, VERIFIED))
                    .isEqualTo(CentralLinkDecision.REFUSE_OTHER_SUBJECT);
        }
    }

    @Nested
    @DisplayName("a link the store does not record")
    class Unrecorded {

        @Test
        @DisplayName("is refused when an address is banned, before anything else")
        void banned() {
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), true, false, Optional.of(false)))
                    .isEqualTo(CentralLinkDecision.REFUSE_BANNED);
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), true, true, ADMIN))
                    .isEqualTo(CentralLinkDecision.REFUSE_BANNED);
        }

        @Test
        @DisplayName("is refused when the account's address is unconfirmed, even by an administrator")
        void unconfirmedAccount() {
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), false, false, VERIFIED))
                    .isEqualTo(CentralLinkDecision.REFUSE_UNVERIFIED);
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), false, false, ADMIN))
                    .isEqualTo(CentralLinkDecision.REFUSE_UNVERIFIED);
        }

        @Test
        @DisplayName("is refused when the central provider does not vouch for its address")
        void unverifiedCentral() {
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), false, true, Optional.of(false)))
                    .isEqualTo(CentralLinkDecision.REFUSE_UNVERIFIED);
        }

        @Test
        @DisplayName("stays when both sides verified the address, or an administrator vouches for the central one")
        void allowed() {
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), false, true, VERIFIED))
                    .isEqualTo(CentralLinkDecision.ALLOW);
            assertThat(CentralLinkDecision.of(SUBJECT, Optional.empty(), false, true, ADMIN))
                    .isEqualTo(CentralLinkDecision.ALLOW);
        }
    }
}
