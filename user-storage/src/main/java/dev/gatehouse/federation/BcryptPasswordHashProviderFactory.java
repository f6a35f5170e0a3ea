package dev.gatehouse.federation;

import dev.gatehouse.store.PasswordHasher;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * {@code gatehouse-bcrypt}: bcrypt as a Keycloak password hash algorithm, with the policy's hash
 * iterations as the bcrypt cost. With {@code hashAlgorithm(gatehouse-bcrypt)} in the realm's
 * password policy, Keycloak's own dummy hash for unknown usernames costs what checking a store
 * account's bcrypt hash costs, so the two cannot be told apart by timing (SPEC P3.1).
 */
public final class BcryptPasswordHashProviderFactory implements PasswordHashProviderFactory, PasswordHashProvider {

    public static final String ID = "gatehouse-bcrypt";
    static final int DEFAULT_COST = AccountsStorageConfigProperties.DEFAULT_BCRYPT_COST;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        return ID.equals(credential.getPasswordCredentialData().getAlgorithm())
                && cost(policy.getHashIterations())
                        == credential.getPasswordCredentialData().getHashIterations();
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        int cost = cost(iterations);
        String hash = AccountsStorageProviderFactory.hasher(cost).hash(rawPassword);
        return PasswordCredentialModel.createFromValues(ID, new byte[0], cost, hash);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        String hash = credential.getPasswordSecretData().getValue();
        return AccountsStorageProviderFactory.hasher(PasswordHasher.MIN_COST).verify(rawPassword, hash);
    }

    private static int cost(int iterations) {
        return iterations > 0 ? iterations : DEFAULT_COST;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
