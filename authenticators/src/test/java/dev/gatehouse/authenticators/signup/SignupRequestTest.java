package dev.gatehouse.authenticators.signup;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.utils.FormMessage;

@DisplayName("SignupRequest")
class SignupRequestTest {

    private static SignupRequest request(String username, String email, String password, String confirm) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("username", username);
        form.add("email", email);
        form.add("password", password);
        form.add("password-confirm", confirm);
        return SignupRequest.of(form);
    }

    private static Map<String, String> errors(SignupRequest request) {
        List<FormMessage> messages = request.fieldErrors();
        return messages.stream()
                .collect(java.util.stream.Collectors.toMap(FormMessage::getField, FormMessage::getMessage));
    }

    @Nested
    @DisplayName("usernames")
    class Usernames {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"Zo\u00EB O'Brien & <Co>", "\u5F20\u4F1F", "a b  c", "'; DROP TABLE accounts; --"})
        @DisplayName("accepts spaces, symbols, any script and SQL")
        void acceptsAnything(String username) {
            assertThat(errors(request(username, "a@b.test", "pw", "pw"))).isEmpty();
        }

        @Test
        @DisplayName("gives each problem its own message key")
        void namesEachProblem() {
            assertThat(errors(request("  ", "a@b.test", "pw", "pw")))
                    .containsEntry("username", SignupRequest.USERNAME_MISSING);
            assertThat(errors(request("x".repeat(257), "a@b.test", "pw", "pw")))
                    .containsEntry("username", SignupRequest.USERNAME_TOO_LONG);
            assertThat(errors(request("bell\u0007", "a@b.test", "pw", "pw")))
                    .containsEntry("username", SignupRequest.USERNAME_CONTROL_CHARACTER);
            assertThat(errors(request("x".repeat(256), "a@b.test", "pw", "pw"))).isEmpty();
        }

        @Test
        @DisplayName("keeps inner spaces and strips outer ones")
        void strips() {
            assertThat(request("  a b  c ", "a@b.test", "pw", "pw").username()).isEqualTo("a b  c");
        }
    }

    @Test
    @DisplayName("asks for an address that looks like one, and a password typed twice alike")
    void emailAndPassword() {
        assertThat(errors(request("ann", "", "pw", "pw"))).containsEntry("email", "missingEmailMessage");
        assertThat(errors(request("ann", "not an address", "pw", "pw"))).containsEntry("email", "invalidEmailMessage");
        assertThat(errors(request("ann", "a@b.test", "", ""))).containsEntry("password", "missingPasswordMessage");
        assertThat(errors(request("ann", "a@b.test", "pw", "other")))
                .containsEntry("password-confirm", "invalidPasswordConfirmMessage");
    }
}
