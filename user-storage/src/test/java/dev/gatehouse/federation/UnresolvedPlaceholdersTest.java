package dev.gatehouse.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Unresolved GATEHOUSE_ placeholders in an imported realm")
class UnresolvedPlaceholdersTest {

    @Test
    @DisplayName("are found by variable name, with every place that holds them")
    void found() {
        Map<String, Set<String>> found = new TreeMap<>();

        UnresolvedPlaceholders.scan(found, "${GATEHOUSE_SMTP_PASSWORD}", "SMTP settings (password)");
        UnresolvedPlaceholders.scan(found, "https://${GATEHOUSE_CENTRAL_HOST}/x/${GATEHOUSE_SMTP_PASSWORD}", "idp");
        UnresolvedPlaceholders.scan(found, "${OTHER_VARIABLE} and a resolved value", "client demo (secret)");
        UnresolvedPlaceholders.scan(found, null, "client public (secret)");

        assertThat(found)
                .containsOnlyKeys("GATEHOUSE_SMTP_PASSWORD", "GATEHOUSE_CENTRAL_HOST")
                .containsEntry("GATEHOUSE_SMTP_PASSWORD", Set.of("SMTP settings (password)", "idp"));
    }

    @Test
    @DisplayName("are named in the refusal, never their surroundings' values")
    void message() {
        Map<String, Set<String>> found = new TreeMap<>();
        UnresolvedPlaceholders.scan(
                found, "secret-prefix-${GATEHOUSE_CENTRAL_SECRET}", "identity provider central (clientSecret)");

        String message = UnresolvedPlaceholders.message("acme", found);

        assertThat(message)
                .startsWith("Realm 'acme' refused: unresolved placeholder GATEHOUSE_CENTRAL_SECRET"
                        + " (identity provider central (clientSecret))")
                .doesNotContain("secret-prefix");
    }
}
