package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The gatehouse-accounts settings are validated when saved")
class ProviderConfigIT {

    private final GatehouseEnvironment env;

    ProviderConfigIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("a bcrypt cost out of range, or one the password policy contradicts, is refused with a message")
    void invalidCostsRefused() {
        JsonNode component = env.admin()
                .json("gatehouse/components?type=org.keycloak.storage.UserStorageProvider&name=gatehouse-accounts")
                .get(0);

        HttpResponse<String> outOfRange = save(component, "3");
        HttpResponse<String> againstPolicy = save(component, "12");
        HttpResponse<String> unchanged = save(component, "10");

        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("between 4 and 16");
        assertThat(againstPolicy.statusCode()).isEqualTo(400);
        assertThat(againstPolicy.body()).contains("hashIterations");
        assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(204);
    }

    private HttpResponse<String> save(JsonNode component, String cost) {
        ObjectNode changed = component.deepCopy();
        ((ObjectNode) changed.get("config"))
                .set(
                        "bcryptCost",
                        ((ArrayNode) changed.at("/config/bcryptCost"))
                                .removeAll()
                                .add(cost));
        return env.admin().put("gatehouse/components/" + component.get("id").asText(), changed.toString());
    }
}
