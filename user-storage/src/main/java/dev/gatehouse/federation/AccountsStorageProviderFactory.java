package dev.gatehouse.federation;

import dev.gatehouse.store.PasswordHasher;
import dev.gatehouse.store.SessionStore;
import dev.gatehouse.support.GatehouseVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.storage.UserStorageProviderFactory;

/**
 * Registers the account store as a Keycloak user federation provider. The store's scheduled jobs
 * have a factory of their own ({@code dev.gatehouse.jobs.GatehouseJobsFactory}).
 */
public final class AccountsStorageProviderFactory
        implements UserStorageProviderFactory<AccountsStorageProvider>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "gatehouse-accounts";

    /** Name of the Keycloak datasource and of the JPA persistence unit that reaches the store. */
    public static final String DATASOURCE = SessionStore.DATASOURCE;

    // A hasher computes its dummy hash once; sessions share it rather than paying bcrypt per request.
    private static final Map<Integer, PasswordHasher> HASHERS = new ConcurrentHashMap<>();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** Server option {@code --spi-storage--gatehouse-accounts--migrate-on-start}. */
    static final String MIGRATE_ON_START = "migrateOnStart";

    private boolean migrateOnStart;

    @Override
    public void init(Config.Scope config) {
        migrateOnStart = config != null && config.getBoolean(MIGRATE_ON_START, false);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (migrateOnStart) {
            StartupMigration.startAfterBoot(factory);
        } else {
            SchemaCheck.startAfterBoot(factory);
        }
        factory.register(UnresolvedPlaceholders::onEvent);
    }

    /** The server options of the store (not a component's settings, which are {@link #getConfigProperties}). */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(MIGRATE_ON_START)
                .label("Migrate the account store on start")
                .helpText("Apply the account store's pending migrations (db/gatehouse, Flyway) through the '"
                        + DATASOURCE + "' datasource when Keycloak starts; a failed migration fails the start."
                        + " Nodes starting together take turns through Flyway's lock.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(false)
                .add()
                .build();
    }

    @Override
    public String getHelpText() {
        return "Gatehouse account store: legacy accounts, sub-users, billing and bans in PostgreSQL, reached through "
                + "the '" + DATASOURCE + "' datasource.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return AccountsStorageConfigProperties.PROPERTIES;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        AccountsStorageConfig config = AccountsStorageConfig.of(model);
        config.validate();
        RealmSettingsProperties.validate(session, model);
        PasswordPolicy policy = realm.getPasswordPolicy();
        if (policy != null
                && BcryptPasswordHashProviderFactory.ID.equals(policy.getHashAlgorithm())
                && policy.getHashIterations() > 0
                && policy.getHashIterations() != config.bcryptCost()) {
            throw new ComponentValidationException("bcrypt cost " + config.bcryptCost()
                    + " differs from the realm password policy's hashIterations " + policy.getHashIterations()
                    + ": unknown usernames would then answer faster or slower than known ones");
        }
        if (session.getProvider(JpaConnectionProvider.class, DATASOURCE) == null) {
            throw new ComponentValidationException("The Keycloak datasource '" + DATASOURCE
                    + "' is not configured: build Keycloak with --db-kind-" + DATASOURCE + "=postgres");
        }
    }

    @Override
    public AccountsStorageProvider create(KeycloakSession session, ComponentModel model) {
        return new AccountsStorageProvider(session, model, hasher(model));
    }

    /** What the admin console's server info shows for the bundle. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("gatehouseVersion", GatehouseVersion.VERSION);
        info.put("keycloakCompiledAgainst", GatehouseVersion.KEYCLOAK_COMPILED_AGAINST);
        info.put("datasource", DATASOURCE);
        info.put("schemaMigrations", "db/gatehouse (Flyway)");
        info.put("schemaMigrateOnStart", migrateOnStart ? StartupMigration.outcome() : "off");
        info.put("schemaExpected", String.valueOf(SchemaCheck.EXPECTED));
        info.put("schemaApplied", SchemaCheck.applied());
        info.put("schemaStatus", SchemaCheck.status());
        info.put("defaultBcryptCost", String.valueOf(AccountsStorageConfigProperties.DEFAULT_BCRYPT_COST));
        return info;
    }

    /** The password hasher of a {@code gatehouse-accounts} component, shared across sessions. */
    public static PasswordHasher hasher(ComponentModel model) {
        return hasher(AccountsStorageConfig.of(model).bcryptCost());
    }

    static PasswordHasher hasher(int cost) {
        return HASHERS.computeIfAbsent(cost, PasswordHasher::new);
    }
}
