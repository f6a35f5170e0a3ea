package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RealmSettings;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's central identity provider (SPEC P1): its first- and post-broker-login flows, the
 * Gatehouse mappers, and its alias and reset URL in the store component's settings. The provider itself is the
 * realm's: setup binds to it and never creates one.
 */
final class CentralSetup {

    static final String PROVIDER = "identity provider";
    static final String MAPPER = "identity provider mapper";
    static final String FIRST_BROKER = "gatehouse first broker login";
    static final String POST_BROKER = "gatehouse post broker login";
    static final String SETTING = "federation component setting";
    private static final String COMPONENT_PREFIX = "component:";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SetupTemplate template;
    private final SetupState state;

    CentralSetup(KeycloakSession session, RealmModel realm, SetupTemplate template, SetupState state) {
        this.session = session;
        this.realm = realm;
        this.template = template;
        this.state = state;
    }

    /** @throws SetupRequest.Invalid when the realm has no identity provider of that alias */
    static void check(KeycloakSession session, String alias) {
        if (session.identityProviders().getByAlias(alias) == null) {
            throw new SetupRequest.Invalid("The realm has no identity provider with the alias " + alias
                    + ": create it first (Identity providers → OpenID Connect v1.0)");
        }
    }

    void plan(Plan plan, String alias, String resetUrl) {
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        planFlow(plan, provider, "firstBrokerLoginFlow", FIRST_BROKER, provider.getFirstBrokerLoginFlowId());
        planFlow(plan, provider, "postBrokerLoginFlow", POST_BROKER, provider.getPostBrokerLoginFlowId());
        for (JsonNode json : template.identityProviderMappers()) {
            String name = json.path("name").asText();
            if (session.identityProviders().getMapperByName(alias, name) == null) {
                plan.add(
                        "create",
                        MAPPER,
                        alias + "/" + name,
                        json.path("identityProviderMapper").asText(),
                        () -> {
                            IdentityProviderMapperModel mapper = new IdentityProviderMapperModel();
                            mapper.setName(name);
                            mapper.setIdentityProviderAlias(alias);
                            mapper.setIdentityProviderMapper(
                                    json.path("identityProviderMapper").asText());
                            Map<String, String> config = new HashMap<>();
                            json.path("config")
                                    .fields()
                                    .forEachRemaining(entry -> config.put(
                                            entry.getKey(), entry.getValue().asText()));
                            mapper.setConfig(config);
                            session.identityProviders().createMapper(mapper);
                            state.added(MAPPER, alias + "/" + name);
                        });
            }
        }
        planAttribute(plan, RealmAttributes.CENTRAL_IDP, alias);
        if (resetUrl != null) {
            planAttribute(plan, RealmAttributes.CENTRAL_RESET_URL, resetUrl);
        }
    }

    private void planFlow(Plan plan, IdentityProviderModel provider, String key, String flow, String currentId) {
        String target = template.versioned(flow);
        String current = RealmSetup.flowAlias(realm, currentId);
        if (target.equals(current)) {
            return;
        }
        String alias = provider.getAlias();
        plan.add("bind", PROVIDER, alias + " " + key, target + " (was " + current + ")", () -> {
            state.previous("idp:" + alias + ":" + key, current);
            IdentityProviderModel model = session.identityProviders().getByAlias(alias);
            AuthenticationFlowModel bound = realm.getFlowByAlias(target);
            if ("firstBrokerLoginFlow".equals(key)) {
                model.setFirstBrokerLoginFlowId(bound.getId());
            } else {
                model.setPostBrokerLoginFlowId(bound.getId());
            }
            session.identityProviders().update(model);
        });
    }

    /** A Gatehouse setting on the store's component (issue 18), where the admin console shows it. */
    private void planAttribute(Plan plan, String attribute, String value) {
        String key = RealmSettings.key(attribute);
        String current = GatehouseAccounts.component(realm).map(c -> c.get(key)).orElse(null);
        if (value.equals(current)) {
            return;
        }
        plan.add("update", SETTING, key, value, () -> {
            ComponentModel component = GatehouseAccounts.component(realm).orElseThrow();
            state.previous(COMPONENT_PREFIX + key, component.get(key));
            component.put(key, value);
            realm.updateComponent(component);
        });
    }

    void planRemoval(Plan plan) {
        for (String key : state.previousKeys()) {
            if (key.startsWith("idp:")) {
                planRestoreFlow(plan, key);
            } else if (key.startsWith(COMPONENT_PREFIX)) {
                String name = key.substring(COMPONENT_PREFIX.length());
                String previous = state.previous(key)
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText)
                        .orElse(null);
                plan.add(
                        "restore",
                        SETTING,
                        name,
                        previous == null ? "(none)" : previous,
                        () -> GatehouseAccounts.component(realm).ifPresent(component -> {
                            if (previous == null) {
                                component.getConfig().remove(name);
                            } else {
                                component.put(name, previous);
                            }
                            realm.updateComponent(component);
                        }));
            }
        }
        for (String mapperName : state.added(MAPPER)) {
            String alias = mapperName.substring(0, mapperName.indexOf('/'));
            String name = mapperName.substring(mapperName.indexOf('/') + 1);
            IdentityProviderMapperModel mapper = session.identityProviders().getMapperByName(alias, name);
            if (mapper != null) {
                plan.add(
                        "remove",
                        MAPPER,
                        mapperName,
                        "added by setup",
                        () -> session.identityProviders().removeMapper(mapper));
            }
        }
    }

    private void planRestoreFlow(Plan plan, String key) {
        String[] parts = key.split(":", 3);
        String alias = parts[1];
        String which = parts[2];
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        if (provider == null) {
            return;
        }
        String previous = state.previous(key)
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElse(null);
        AuthenticationFlowModel flow = previous == null ? null : realm.getFlowByAlias(previous);
        if (flow == null && "firstBrokerLoginFlow".equals(which)) {
            flow = realm.getFlowByAlias("first broker login");
        }
        AuthenticationFlowModel restored = flow;
        plan.add("restore", PROVIDER, alias + " " + which, restored == null ? "(none)" : restored.getAlias(), () -> {
            IdentityProviderModel model = session.identityProviders().getByAlias(alias);
            String id = restored == null ? null : restored.getId();
            if ("firstBrokerLoginFlow".equals(which)) {
                model.setFirstBrokerLoginFlowId(id);
            } else {
                model.setPostBrokerLoginFlowId(id);
            }
            session.identityProviders().update(model);
        });
    }
}
