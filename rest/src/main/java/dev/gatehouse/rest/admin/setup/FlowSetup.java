package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Creates the template's flows and authenticator configs under their versioned names, and removes
 * them again: top-level flow, sub-flows and the configs of their executions.
 */
final class FlowSetup {

    static final String FLOW = "flow";
    static final String CONFIG = "authenticator config";

    private final RealmModel realm;
    private final SetupTemplate template;
    private final SetupState state;

    FlowSetup(RealmModel realm, SetupTemplate template, SetupState state) {
        this.realm = realm;
        this.template = template;
        this.state = state;
    }

    void plan(Plan plan) {
        for (JsonNode config : template.authenticatorConfigs()) {
            String alias = template.versioned(config.path("alias").asText());
            if (realm.getAuthenticatorConfigByAlias(alias) == null) {
                plan.add("create", CONFIG, alias, "settings of a Gatehouse step", () -> createConfig(alias, config));
            }
        }
        List<JsonNode> missing = template.flows().stream()
                .filter(flow -> realm.getFlowByAlias(
                                template.versioned(flow.path("alias").asText()))
                        == null)
                .toList();
        for (JsonNode flow : missing) {
            String alias = template.versioned(flow.path("alias").asText());
            plan.add("create", FLOW, alias, flow.path("description").asText(), () -> createFlow(alias, flow));
        }
        if (!missing.isEmpty()) {
            // Executions refer to sub-flows by id: add them once every flow exists.
            plan.add(
                    "create",
                    "executions",
                    "Gatehouse flows",
                    "the steps of the flows above",
                    () -> missing.forEach(this::addExecutions));
        }
    }

    private void createConfig(String alias, JsonNode json) {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setAlias(alias);
        Map<String, String> values = new HashMap<>();
        json.path("config")
                .fields()
                .forEachRemaining(
                        entry -> values.put(entry.getKey(), entry.getValue().asText()));
        config.setConfig(values);
        realm.addAuthenticatorConfig(config);
        state.added(CONFIG, alias);
    }

    private void createFlow(String alias, JsonNode json) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(json.path("description").asText(null));
        flow.setProviderId(json.path("providerId").asText("basic-flow"));
        flow.setTopLevel(json.path("topLevel").asBoolean());
        flow.setBuiltIn(false);
        realm.addAuthenticationFlow(flow);
        state.added(FLOW, alias);
    }

    private void addExecutions(JsonNode json) {
        AuthenticationFlowModel parent =
                realm.getFlowByAlias(template.versioned(json.path("alias").asText()));
        for (JsonNode step : json.path("authenticationExecutions")) {
            AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
            execution.setParentFlow(parent.getId());
            execution.setPriority(step.path("priority").asInt());
            execution.setRequirement(AuthenticationExecutionModel.Requirement.valueOf(
                    step.path("requirement").asText()));
            if (step.path("authenticatorFlow").asBoolean()) {
                execution.setAuthenticatorFlow(true);
                execution.setFlowId(realm.getFlowByAlias(
                                template.versioned(step.path("flowAlias").asText()))
                        .getId());
            } else {
                execution.setAuthenticator(step.path("authenticator").asText());
            }
            if (step.hasNonNull("authenticatorConfig")) {
                execution.setAuthenticatorConfig(realm.getAuthenticatorConfigByAlias(template.versioned(
                                step.path("authenticatorConfig").asText()))
                        .getId());
            }
            realm.addAuthenticatorExecution(execution);
        }
    }

    /** Removes the flows and configs setup created (the bindings must point elsewhere by then). */
    void planRemoval(Plan plan) {
        for (String alias : state.added(FLOW)) {
            AuthenticationFlowModel flow = realm.getFlowByAlias(alias);
            if (flow != null) {
                plan.add("remove", FLOW, alias, "added by setup", () -> removeFlow(realm.getFlowByAlias(alias)));
            }
        }
        for (String alias : state.added(CONFIG)) {
            if (realm.getAuthenticatorConfigByAlias(alias) != null) {
                plan.add("remove", CONFIG, alias, "added by setup", () -> {
                    AuthenticatorConfigModel config = realm.getAuthenticatorConfigByAlias(alias);
                    if (config != null) {
                        realm.removeAuthenticatorConfig(config);
                    }
                });
            }
        }
    }

    private void removeFlow(AuthenticationFlowModel flow) {
        if (flow == null) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flow.getId()).toList().forEach(realm::removeAuthenticatorExecution);
        realm.removeAuthenticationFlow(flow);
    }
}
