package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The admin console's server info")
class ServerInfoIT {

    private final GatehouseEnvironment env;

    ServerInfoIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("lists the Gatehouse providers and the bundle's version")
    void listsBundle() {
        JsonNode providers = env.admin().json("/serverinfo").get("providers");

        JsonNode accounts = providers.at("/storage/providers/gatehouse-accounts");
        assertThat(accounts.isMissingNode())
                .as(providers.get("storage").toString())
                .isFalse();
        assertThat(accounts.at("/operationalInfo/gatehouseVersion").asText()).isEqualTo("26.0.0-SNAPSHOT");
        assertThat(providers.at("/authenticator/providers/gatehouse-identifier").isMissingNode())
                .isFalse();
        assertThat(providers.at("/password-hashing/providers/gatehouse-bcrypt").isMissingNode())
                .isFalse();
    }

    @Test
    @DisplayName("reports whether the account store's schema is the one the JAR expects")
    void schemaVersion() {
        // The check runs once, off the boot thread, right after Keycloak started.
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() -> !env.admin()
                        .json("/serverinfo")
                        .at("/providers/storage/providers/gatehouse-accounts/operationalInfo/schemaStatus")
                        .asText()
                        .equals("not checked yet"));
        JsonNode info =
                env.admin().json("/serverinfo").at("/providers/storage/providers/gatehouse-accounts/operationalInfo");
        assertThat(info.get("schemaStatus").asText()).as(info.toString()).isEqualTo("current");
        assertThat(info.get("schemaApplied").asText())
                .isEqualTo(info.get("schemaExpected").asText());
    }
}
