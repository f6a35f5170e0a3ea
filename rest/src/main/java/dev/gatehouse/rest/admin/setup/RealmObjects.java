package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.util.JsonSerialization;

/**
 * The named things setup adds beside the realm's own, never replacing one of the same name: roles,
 * client scopes, the client profile and policy (merged into the realm's lists), and the user
 * profile's Gatehouse attributes (merged into the realm's configuration).
 */
final class RealmObjects {

    static final String ROLE = "role";
    static final String CLIENT_SCOPE = "client scope";
    static final String CLIENT_PROFILE = "client profile";
    static final String CLIENT_POLICY = "client policy";
    static final String PROFILE_ATTRIBUTE = "user profile attribute";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SetupTemplate template;
    private final SetupState state;

    RealmObjects(KeycloakSession session, RealmModel realm, SetupTemplate template, SetupState state) {
        this.session = session;
        this.realm = realm;
        this.template = template;
        this.state = state;
    }

    void plan(Plan plan) {
        for (JsonNode role : template.roles()) {
            String name = role.path("name").asText();
            if (realm.getRole(name) == null) {
                plan.add("create", ROLE, name, role.path("description").asText(), () -> {
                    realm.addRole(name).setDescription(role.path("description").asText());
                    state.added(ROLE, name);
                });
            }
        }
        for (JsonNode scope : template.clientScopes()) {
            String name = scope.path("name").asText();
            if (clientScope(name).isEmpty()) {
                plan.add(
                        "create",
                        CLIENT_SCOPE,
                        name,
                        scope.path("description").asText() + " Not a default scope.",
                        () -> {
                            createClientScope(scope);
                            state.added(CLIENT_SCOPE, name);
                        });
            }
        }
        planClientPolicies(plan);
        UPConfig profile = userProfile().getConfiguration();
        for (JsonNode attribute : template.userProfileAttributes()) {
            String name = attribute.path("name").asText();
            if (profile.getAttribute(name) == null) {
                plan.add(
                        "create",
                        PROFILE_ATTRIBUTE,
                        name,
                        "read-only, admins see it; the realm's attributes stay",
                        () -> {
                            UPConfig config = userProfile().getConfiguration();
                            config.addOrReplaceAttribute(
                                    JsonSerialization.mapper.convertValue(attribute, UPAttribute.class));
                            userProfile().setConfiguration(config);
                            state.added(PROFILE_ATTRIBUTE, name);
                        });
            }
        }
    }

    private void planClientPolicies(Plan plan) {
        ClientProfilesRepresentation profiles = profiles();
        for (JsonNode json : template.clientProfiles()) {
            ClientProfileRepresentation profile =
                    JsonSerialization.mapper.convertValue(json, ClientProfileRepresentation.class);
            if (names(profiles.getProfiles(), ClientProfileRepresentation::getName)
                    .contains(profile.getName())) {
                continue;
            }
            plan.add("create", CLIENT_PROFILE, profile.getName(), profile.getDescription(), () -> {
                ClientProfilesRepresentation current = profiles();
                current.getProfiles().add(profile);
                update(() -> session.clientPolicy().updateClientProfiles(realm, current));
                state.added(CLIENT_PROFILE, profile.getName());
            });
        }
        ClientPoliciesRepresentation policies = policies();
        for (JsonNode json : template.clientPolicies()) {
            ClientPolicyRepresentation policy =
                    JsonSerialization.mapper.convertValue(json, ClientPolicyRepresentation.class);
            if (names(policies.getPolicies(), ClientPolicyRepresentation::getName)
                    .contains(policy.getName())) {
                continue;
            }
            plan.add("create", CLIENT_POLICY, policy.getName(), policy.getDescription(), () -> {
                ClientPoliciesRepresentation current = policies();
                current.getPolicies().add(policy);
                update(() -> session.clientPolicy().updateClientPolicies(realm, current));
                state.added(CLIENT_POLICY, policy.getName());
            });
        }
    }

    void planRemoval(Plan plan) {
        for (String name : state.added(CLIENT_POLICY)) {
            plan.add("remove", CLIENT_POLICY, name, "added by setup", () -> {
                ClientPoliciesRepresentation current = policies();
                current.getPolicies().removeIf(policy -> name.equals(policy.getName()));
                update(() -> session.clientPolicy().updateClientPolicies(realm, current));
            });
        }
        for (String name : state.added(CLIENT_PROFILE)) {
            plan.add("remove", CLIENT_PROFILE, name, "added by setup", () -> {
                ClientProfilesRepresentation current = profiles();
                current.getProfiles().removeIf(profile -> name.equals(profile.getName()));
                update(() -> session.clientPolicy().updateClientProfiles(realm, current));
            });
        }
        for (String name : state.added(CLIENT_SCOPE)) {
            clientScope(name)
                    .ifPresent(scope -> plan.add(
                            "remove",
                            CLIENT_SCOPE,
                            name,
                            "added by setup; clients that opted in lose it",
                            () -> clientScope(name).ifPresent(found -> realm.removeClientScope(found.getId()))));
        }
        for (String name : state.added(ROLE)) {
            if (realm.getRole(name) != null) {
                plan.add("remove", ROLE, name, "added by setup; its holders lose it", () -> {
                    RoleModel role = realm.getRole(name);
                    if (role != null) {
                        realm.removeRole(role);
                    }
                });
            }
        }
        UPConfig profile = userProfile().getConfiguration();
        for (String name : state.added(PROFILE_ATTRIBUTE)) {
            if (profile.getAttribute(name) != null) {
                plan.add("remove", PROFILE_ATTRIBUTE, name, "added by setup", () -> {
                    UPConfig config = userProfile().getConfiguration();
                    config.removeAttribute(name);
                    userProfile().setConfiguration(config);
                });
            }
        }
    }

    private void createClientScope(JsonNode json) {
        ClientScopeModel scope = realm.addClientScope(json.path("name").asText());
        scope.setDescription(json.path("description").asText());
        scope.setProtocol(json.path("protocol").asText("openid-connect"));
        json.path("attributes")
                .fields()
                .forEachRemaining(entry ->
                        scope.setAttribute(entry.getKey(), entry.getValue().asText()));
        for (JsonNode mapperJson : json.path("protocolMappers")) {
            ProtocolMapperModel mapper = new ProtocolMapperModel();
            mapper.setName(mapperJson.path("name").asText());
            mapper.setProtocol(mapperJson.path("protocol").asText());
            mapper.setProtocolMapper(mapperJson.path("protocolMapper").asText());
            Map<String, String> config = new HashMap<>();
            mapperJson
                    .path("config")
                    .fields()
                    .forEachRemaining(
                            entry -> config.put(entry.getKey(), entry.getValue().asText()));
            mapper.setConfig(config);
            scope.addProtocolMapper(mapper);
        }
    }

    private Optional<ClientScopeModel> clientScope(String name) {
        return realm.getClientScopesStream()
                .filter(scope -> name.equals(scope.getName()))
                .findFirst();
    }

    private UserProfileProvider userProfile() {
        return session.getProvider(UserProfileProvider.class);
    }

    private ClientProfilesRepresentation profiles() {
        try {
            ClientProfilesRepresentation profiles = session.clientPolicy().getClientProfiles(realm, false);
            if (profiles.getProfiles() == null) {
                profiles.setProfiles(new ArrayList<>());
            } else {
                profiles.setProfiles(new ArrayList<>(profiles.getProfiles()));
            }
            return profiles;
        } catch (ClientPolicyException e) {
            throw new IllegalStateException(e.getErrorDetail(), e);
        }
    }

    private ClientPoliciesRepresentation policies() {
        try {
            ClientPoliciesRepresentation policies = session.clientPolicy().getClientPolicies(realm, false);
            if (policies.getPolicies() == null) {
                policies.setPolicies(new ArrayList<>());
            } else {
                policies.setPolicies(new ArrayList<>(policies.getPolicies()));
            }
            return policies;
        } catch (ClientPolicyException e) {
            throw new IllegalStateException(e.getErrorDetail(), e);
        }
    }

    private interface PolicyUpdate {
        void run() throws ClientPolicyException;
    }

    private static void update(PolicyUpdate update) {
        try {
            update.run();
        } catch (ClientPolicyException e) {
            throw new IllegalStateException(e.getErrorDetail(), e);
        }
    }

    private static <T> List<String> names(List<T> items, java.util.function.Function<T, String> name) {
        return items == null ? List.of() : items.stream().map(name).toList();
    }
}
