package dev.gatehouse.federation;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SubjectCredentialManager;

/**
 * Keycloak's credential manager of a store account, which keeps its TOTP and passkeys in Keycloak's
 * own store, plus one thing: a second factor created for the account (Keycloak's TOTP set-up or
 * passkey registration, an admin) is recorded in the account's activity (SPEC P8.1, P9.4).
 * Removals are recorded by the paths that remove, which know who asked.
 */
final class EnrolmentRecordingCredentials implements SubjectCredentialManager {

    private final SubjectCredentialManager delegate;
    private final KeycloakSession session;
    private final UUID accountId;
    private final String username;

    EnrolmentRecordingCredentials(
            SubjectCredentialManager delegate, KeycloakSession session, UUID accountId, String username) {
        this.delegate = delegate;
        this.session = session;
        this.accountId = accountId;
        this.username = username;
    }

    @Override
    public CredentialModel createStoredCredential(CredentialModel credential) {
        CredentialModel created = delegate.createStoredCredential(credential);
        if (SecondFactors.isFactor(credential.getType())) {
            GatehouseAccounts.activity(session)
                    .record(accountId, username, SecondFactors.ENROLLED_ACTIVITY, credential.getType());
        }
        return created;
    }

    @Override
    public boolean isValid(List<CredentialInput> inputs) {
        return delegate.isValid(inputs);
    }

    @Override
    public boolean updateCredential(CredentialInput input) {
        return delegate.updateCredential(input);
    }

    @Override
    public void updateStoredCredential(CredentialModel credential) {
        delegate.updateStoredCredential(credential);
    }

    @Override
    public boolean removeStoredCredentialById(String id) {
        return delegate.removeStoredCredentialById(id);
    }

    @Override
    public CredentialModel getStoredCredentialById(String id) {
        return delegate.getStoredCredentialById(id);
    }

    @Override
    public Stream<CredentialModel> getStoredCredentialsStream() {
        return delegate.getStoredCredentialsStream();
    }

    @Override
    public Stream<CredentialModel> getFederatedCredentialsStream() {
        return delegate.getFederatedCredentialsStream();
    }

    @Override
    public Stream<CredentialModel> getCredentials() {
        return delegate.getCredentials();
    }

    @Override
    public Stream<CredentialModel> getStoredCredentialsByTypeStream(String type) {
        return delegate.getStoredCredentialsByTypeStream(type);
    }

    @Override
    public CredentialModel getStoredCredentialByNameAndType(String name, String type) {
        return delegate.getStoredCredentialByNameAndType(name, type);
    }

    @Override
    public boolean moveStoredCredentialTo(String id, String newPreviousCredentialId) {
        return delegate.moveStoredCredentialTo(id, newPreviousCredentialId);
    }

    @Override
    public void updateCredentialLabel(String credentialId, String credentialLabel) {
        delegate.updateCredentialLabel(credentialId, credentialLabel);
    }

    @Override
    public void disableCredentialType(String credentialType) {
        delegate.disableCredentialType(credentialType);
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream() {
        return delegate.getDisableableCredentialTypesStream();
    }

    @Override
    public Stream<CredentialModel> getFirstFactorCredentialsStream() {
        return delegate.getFirstFactorCredentialsStream();
    }

    @Override
    public boolean isConfiguredFor(String type) {
        return delegate.isConfiguredFor(type);
    }

    @Override
    public boolean isConfiguredLocally(String type) {
        return delegate.isConfiguredLocally(type);
    }

    @Override
    public Stream<String> getConfiguredUserStorageCredentialTypesStream() {
        return delegate.getConfiguredUserStorageCredentialTypesStream();
    }

    @Override
    public CredentialModel createCredentialThroughProvider(CredentialModel model) {
        return delegate.createCredentialThroughProvider(model);
    }
}
