package dev.gatehouse.authenticators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

/** What the authenticators' config tests arrange and read: a step's config with one key, a key's declarations. */
public final class ConfigModels {

    private ConfigModels() {}

    /** A step's config holding {@code key} = {@code value} only. */
    public static AuthenticatorConfigModel with(String key, String value) {
        Map<String, String> config = new HashMap<>();
        config.put(key, value);
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(config);
        return model;
    }

    /** The properties of a {@code *ConfigProperties} list that declare {@code key}. */
    public static List<ProviderConfigProperty> declaring(List<ProviderConfigProperty> properties, String key) {
        return properties.stream().filter(p -> key.equals(p.getName())).toList();
    }
}
