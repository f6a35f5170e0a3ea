package dev.gatehouse.rest.admin.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Setup adds what the realm export has: one set of flows, not two that drift apart. */
@DisplayName("SetupTemplate")
class SetupTemplateTest {

    private static final Path EXPORT = Path.of("..", "realm-export", "gatehouse-realm.json");
    private static final Path DEMO = Path.of("..", "demo", "realms", "gatehouse-realm.json");

    private final SetupTemplate template = SetupTemplate.load();
    private final JsonNode export;

    SetupTemplateTest() throws IOException {
        export = new ObjectMapper().readTree(EXPORT.toFile());
    }

    @Test
    @DisplayName("flows and authenticator configs are the realm export's")
    void flows() {
        assertThat(template.flows()).isEqualTo(list(export.get("authenticationFlows")));
        assertThat(template.authenticatorConfigs()).isEqualTo(list(export.get("authenticatorConfig")));
    }

    @Test
    @DisplayName("the client profile and policy are the realm export's")
    void clientPolicies() {
        assertThat(template.clientProfiles()).isEqualTo(list(export.at("/clientProfiles/profiles")));
        assertThat(template.clientPolicies()).isEqualTo(list(export.at("/clientPolicies/policies")));
    }

    @Test
    @DisplayName("the user profile's Gatehouse attributes are the realm export's")
    void userProfile() throws IOException {
        JsonNode profile = new ObjectMapper()
                .readTree(export.at(
                                "/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0")
                        .asText());
        List<JsonNode> gatehouse = list(profile.get("attributes")).stream()
                .filter(attribute -> attribute.get("name").asText().startsWith("gatehouse"))
                .toList();
        assertThat(template.userProfileAttributes()).isEqualTo(gatehouse);
    }

    @Test
    @DisplayName("every flow an execution names and every config it uses is in the template")
    void references() {
        List<String> flows = template.flows().stream()
                .map(flow -> flow.get("alias").asText())
                .toList();
        List<String> configs = template.authenticatorConfigs().stream()
                .map(config -> config.get("alias").asText())
                .toList();
        for (JsonNode flow : template.flows()) {
            for (JsonNode step : flow.get("authenticationExecutions")) {
                if (step.has("flowAlias")) {
                    assertThat(flows).contains(step.get("flowAlias").asText());
                }
                if (step.has("authenticatorConfig")) {
                    assertThat(configs).contains(step.get("authenticatorConfig").asText());
                }
            }
        }
        for (FlowBinding binding : FlowBinding.values()) {
            assertThat(flows).contains(binding.flow());
        }
        assertThat(flows).contains(CentralSetup.FIRST_BROKER, CentralSetup.POST_BROKER);
    }

    @Test
    @DisplayName("the gatehouse client scope carries the two claims")
    void claims() {
        JsonNode scope = template.clientScopes().stream()
                .filter(s -> s.get("name").asText().equals("gatehouse"))
                .findFirst()
                .orElseThrow();
        List<String> claims = new ArrayList<>();
        scope.get("protocolMappers")
                .forEach(m -> claims.add(m.at("/config/claim.name").asText()));
        assertThat(claims).containsExactlyInAnyOrder("gatehouse_account", "gatehouse_level");
    }

    @Test
    @DisplayName("the production template has no demo client, no secret and no placeholder default")
    void productionTemplate() throws IOException {
        String text = java.nio.file.Files.readString(EXPORT);
        List<String> clients = new ArrayList<>();
        export.get("clients")
                .forEach(client -> clients.add(client.get("clientId").asText()));
        assertThat(clients).doesNotContain("demo-app", "demo-api");
        assertThat(text).doesNotContain("\"secret\"", "demo-api-secret", "console-broker-secret", "localhost");
        assertThat(java.util.regex.Pattern.compile("\\$\\{GATEHOUSE_[A-Z_]+:")
                        .matcher(text)
                        .find())
                .as("a placeholder with a default")
                .isFalse();
        assertThat(export.at("/identityProviders/0/config/clientSecret").asText())
                .isEqualTo("${GATEHOUSE_CENTRAL_SECRET}");
    }

    @Test
    @DisplayName("the demo's realm has the template's flows")
    void demoRealm() throws IOException {
        JsonNode demo = new ObjectMapper().readTree(DEMO.toFile());
        assertThat(list(demo.get("authenticationFlows"))).isEqualTo(list(export.get("authenticationFlows")));
        assertThat(list(demo.get("authenticatorConfig"))).isEqualTo(list(export.get("authenticatorConfig")));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
