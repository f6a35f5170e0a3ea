package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.federation.AccountsStorageProviderFactory;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.support.RealmSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.storage.UserStorageProvider;

/**
 * Applies Gatehouse to a realm that exists, and takes it out again (issue 18). Each part plans its
 * changes against the realm as it is, so that a dry run lists them and a second run finds nothing
 * to do; the writes run in the request's transaction.
 */
public final class RealmSetup {

    static final String COMPONENT = "federation component";
    static final String BINDING = "binding";
    static final String SETTING = "realm setting";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SetupTemplate template;
    private final SetupState state;

    public RealmSetup(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.template = SetupTemplate.get();
        this.state = SetupState.of(realm);
    }

    /**
     * The component id setup gives the store in a realm: the same in every environment for a realm
     * of that name, so the federated {@code sub} of a store account ({@code f:<component id>:<account
     * id>}) does not change between staging and production or when the component is re-created.
     */
    public static String componentId(String realmName) {
        return UUID.nameUUIDFromBytes(("gatehouse-accounts:" + realmName).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    Plan install(SetupRequest request) {
        Plan plan = new Plan();
        planComponent(plan);
        new FlowSetup(realm, template, state).plan(plan);
        planBindings(plan);
        new RealmObjects(session, realm, template, state).plan(plan);
        request.centralAlias()
                .ifPresent(alias -> new CentralSetup(session, realm, template, state)
                        .plan(plan, alias, request.centralResetUrl().orElse(null)));
        new SwitchSetup(session, realm, state).plan(plan, request);
        if (!state.installed()) {
            plan.add(
                    "create",
                    SETTING,
                    SetupState.ATTRIBUTE,
                    "what setup added and replaced, for uninstall",
                    state::save);
        }
        return plan;
    }

    Plan uninstall() {
        Plan plan = new Plan();
        if (!state.installed()) {
            return plan;
        }
        planRestoreBindings(plan);
        new CentralSetup(session, realm, template, state).planRemoval(plan);
        new FlowSetup(realm, template, state).planRemoval(plan);
        new RealmObjects(session, realm, template, state).planRemoval(plan);
        planRemoveComponent(plan);
        new SwitchSetup(session, realm, state).planRestore(plan);
        plan.add("remove", SETTING, SetupState.ATTRIBUTE, "setup's record", state::clear);
        return plan;
    }

    private void planComponent(Plan plan) {
        if (GatehouseAccounts.component(realm).isPresent()) {
            return;
        }
        String id = componentId(realm.getName());
        plan.add(
                "create",
                COMPONENT,
                AccountsStorageProviderFactory.PROVIDER_ID,
                "the account store as user federation, id " + id + " (store accounts' sub is f:" + id
                        + ":<account id>)",
                () -> {
                    ComponentModel model = new ComponentModel();
                    model.setId(id);
                    model.setName(AccountsStorageProviderFactory.PROVIDER_ID);
                    model.setProviderId(AccountsStorageProviderFactory.PROVIDER_ID);
                    model.setProviderType(UserStorageProvider.class.getName());
                    model.setParentId(realm.getId());
                    model.put("enabled", "true");
                    model.put("priority", "0");
                    model.put("cachePolicy", "DEFAULT");
                    model.put("bcryptCost", "10");
                    // The realm has local users of its own: their hash and the store's cost the same (item 3).
                    model.put(RealmSettings.MATCH_LOCAL_USER_TIMING, "true");
                    realm.addComponentModel(model);
                    state.added(COMPONENT, id);
                });
    }

    private void planRemoveComponent(Plan plan) {
        for (String id : state.added(COMPONENT)) {
            if (realm.getComponent(id) != null) {
                plan.add(
                        "remove",
                        COMPONENT,
                        AccountsStorageProviderFactory.PROVIDER_ID,
                        "the store's accounts stay in the store; Keycloak forgets their links and sessions",
                        () -> realm.removeComponent(realm.getComponent(id)));
            }
        }
    }

    private void planBindings(Plan plan) {
        for (FlowBinding binding : FlowBinding.values()) {
            String target = template.versioned(binding.flow());
            String bound = binding.boundAlias(realm);
            if (target.equals(bound)) {
                continue;
            }
            plan.add("bind", BINDING, binding.key(), target + " (was " + bound + ")", () -> {
                state.previous(binding.key(), bound);
                binding.bind(realm, realm.getFlowByAlias(target));
            });
        }
    }

    private void planRestoreBindings(Plan plan) {
        for (FlowBinding binding : FlowBinding.values()) {
            if (!state.hasPrevious(binding.key())) {
                continue;
            }
            String previous = state.previous(binding.key())
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .orElse(binding.keycloakDefault());
            String alias = realm.getFlowByAlias(previous) != null ? previous : binding.keycloakDefault();
            if (alias.equals(binding.boundAlias(realm))) {
                continue;
            }
            plan.add("restore", BINDING, binding.key(), alias, () -> {
                AuthenticationFlowModel flow = realm.getFlowByAlias(alias);
                if (flow != null) {
                    binding.bind(realm, flow);
                }
            });
        }
    }

    /** Whether the realm's binding of a kind is setup's, for the status page. */
    static Map<String, String> bindings(RealmModel realm) {
        Map<String, String> bindings = new LinkedHashMap<>();
        for (FlowBinding binding : FlowBinding.values()) {
            bindings.put(binding.key(), binding.boundAlias(realm));
        }
        return bindings;
    }

    static ObjectNode changesJson(boolean dryRun, List<Change> changes) {
        ObjectNode json = SetupState.mapper().createObjectNode();
        json.put("dryRun", dryRun);
        changes.forEach(change -> json.withArray("changes").add(change.json()));
        if (changes.isEmpty()) {
            json.putArray("changes");
        }
        return json;
    }

    static String flowAlias(RealmModel realm, String flowId) {
        if (flowId == null) {
            return null;
        }
        AuthenticationFlowModel flow = realm.getAuthenticationFlowById(flowId);
        return flow == null ? null : flow.getAlias();
    }

    static IdentityProviderModel identityProvider(KeycloakSession session, String alias) {
        return session.identityProviders().getByAlias(alias);
    }
}
