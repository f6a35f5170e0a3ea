package dev.gatehouse.rest.admin.setup;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The "gatehouse-setup" page of the admin console (Keycloak's admin-UI extension SPI): the setup
 * switches and the central identity provider as a form. Saving it applies Gatehouse to the realm
 * as {@code POST …/gatehouse/setup} does with the same settings; the Admin API's dry run lists the
 * changes first, and {@code DELETE …/gatehouse/setup} takes them out.
 */
public final class SetupPageFactory implements UiPageProvider, UiPageProviderFactory<ComponentModel> {

    public static final String ID = "gatehouse-setup";

    private static final List<ProviderConfigProperty> PROPERTIES = properties();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Applies Gatehouse to this realm: the account store as user federation (a stable id), the Gatehouse "
                + "flows and their bindings, the client policy, roles, the gatehouse client scope and the user profile's "
                + "Gatehouse attributes, merged with the realm's own. Realm-wide choices below are off unless turned "
                + "on. Preview with POST /admin/realms/{realm}/gatehouse/setup?dryRun=true; take it out with DELETE "
                + "on the same path (docs/install-existing-realm.md).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        try {
            SetupRequest request = request(model);
            request.centralAlias().ifPresent(alias -> CentralSetup.check(session, alias));
        } catch (SetupRequest.Invalid e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        new RealmSetup(session, realm).install(request(model)).apply();
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        new RealmSetup(session, realm).install(request(newModel)).apply();
    }

    static SetupRequest request(ComponentModel model) {
        Set<SetupSwitch> switches = EnumSet.noneOf(SetupSwitch.class);
        for (SetupSwitch setting : SetupSwitch.values()) {
            if (setting != SetupSwitch.SMTP && Boolean.parseBoolean(model.get(setting.key()))) {
                switches.add(setting);
            }
        }
        Optional<String> alias = text(model.get(SetupRequest.CENTRAL_ALIAS));
        Optional<String> resetUrl = text(model.get(SetupRequest.CENTRAL_RESET_URL));
        // The same checks as the Admin API's body.
        StringBuilder json = new StringBuilder("{");
        alias.ifPresent(value -> json.append(quoted(SetupRequest.CENTRAL_ALIAS))
                .append(':')
                .append(quoted(value))
                .append(','));
        resetUrl.ifPresent(value -> json.append(quoted(SetupRequest.CENTRAL_RESET_URL))
                .append(':')
                .append(quoted(value))
                .append(','));
        switches.forEach(setting -> json.append(quoted(setting.key())).append(":true,"));
        if (json.charAt(json.length() - 1) == ',') {
            json.setLength(json.length() - 1);
        }
        return SetupRequest.parse(json.append('}').toString());
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String quoted(String value) {
        return SetupState.mapper().getNodeFactory().textNode(value).toString();
    }

    private static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property()
                .name(SetupRequest.CENTRAL_ALIAS)
                .label("Central identity provider")
                .helpText("Alias of the realm's identity provider that is the central identity (create it first under "
                        + "Identity providers). It gets the Gatehouse first- and post-broker-login flows and mappers; "
                        + "leave empty when the realm has none.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(SetupRequest.CENTRAL_RESET_URL)
                .label("Central password reset URL")
                .helpText("Where accounts linked to the central identity reset their password (needs the central "
                        + "identity provider).")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add();
        for (SetupSwitch setting : SetupSwitch.values()) {
            if (setting == SetupSwitch.SMTP) {
                continue;
            }
            builder.property()
                    .name(setting.key())
                    .label(setting.label())
                    .helpText(setting.consequence())
                    .type(ProviderConfigProperty.BOOLEAN_TYPE)
                    .defaultValue("false")
                    .add();
        }
        return builder.build();
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
