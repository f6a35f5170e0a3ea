package dev.gatehouse.rest.admin.setup;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/** The realm's flow bindings setup takes over, each with the Gatehouse flow it binds and Keycloak's default. */
enum FlowBinding {
    BROWSER("browserFlow", "gatehouse browser", "browser", RealmModel::getBrowserFlow, RealmModel::setBrowserFlow),
    DIRECT_GRANT(
            "directGrantFlow",
            "gatehouse direct grant",
            "direct grant",
            RealmModel::getDirectGrantFlow,
            RealmModel::setDirectGrantFlow),
    REGISTRATION(
            "registrationFlow",
            "gatehouse registration",
            "registration",
            RealmModel::getRegistrationFlow,
            RealmModel::setRegistrationFlow),
    RESET_CREDENTIALS(
            "resetCredentialsFlow",
            "gatehouse reset credentials",
            "reset credentials",
            RealmModel::getResetCredentialsFlow,
            RealmModel::setResetCredentialsFlow);

    private final String key;
    private final String flow;
    private final String keycloakDefault;
    private final Function<RealmModel, AuthenticationFlowModel> getter;
    private final BiConsumer<RealmModel, AuthenticationFlowModel> setter;

    FlowBinding(
            String key,
            String flow,
            String keycloakDefault,
            Function<RealmModel, AuthenticationFlowModel> getter,
            BiConsumer<RealmModel, AuthenticationFlowModel> setter) {
        this.key = key;
        this.flow = flow;
        this.keycloakDefault = keycloakDefault;
        this.getter = getter;
        this.setter = setter;
    }

    String key() {
        return key;
    }

    String flow() {
        return flow;
    }

    String keycloakDefault() {
        return keycloakDefault;
    }

    String boundAlias(RealmModel realm) {
        AuthenticationFlowModel bound = getter.apply(realm);
        return bound == null ? null : bound.getAlias();
    }

    void bind(RealmModel realm, AuthenticationFlowModel model) {
        setter.accept(realm, model);
    }
}
