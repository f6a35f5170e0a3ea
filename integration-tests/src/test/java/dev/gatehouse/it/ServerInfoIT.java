package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
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
}
