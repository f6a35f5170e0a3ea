package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.adapter.AbstractUserAdapterFederatedStorage;

/**
 * A store account seen as a Keycloak user. Identity, e-mail and status come from the store and
 * are read-only here; roles, required actions and other attributes live in Keycloak's federated
 * storage like those of any federated user.
 */
final class AccountUserAdapter extends AbstractUserAdapterFederatedStorage.Streams {

    private static final AccountPolicy POLICY = new AccountPolicy();

    private final Account account;
    private final Map<String, String> storeAttributes;

    AccountUserAdapter(KeycloakSession session, RealmModel realm, ComponentModel model, Account account) {
        super(session, realm, model);
        this.account = account;
        this.storeAttributes = AccountAttributes.of(account);
        this.storageId = new StorageId(model.getId(), account.id().toString());
    }

    Account account() {
        return account;
    }

    @Override
    public SubjectCredentialManager credentialManager() {
        return new EnrolmentRecordingCredentials(super.credentialManager(), session, account.id(), account.username());
    }

    @Override
    public String getUsername() {
        // Keycloak expects lower-case usernames (keycloak#32869); the spelling as typed is the
        // gatehouseUsername attribute.
        return Identifiers.key(account.username());
    }

    @Override
    public void setUsername(String username) {
        refuseChange(UserModel.USERNAME, getUsername(), username);
    }

    @Override
    public String getEmail() {
        return account.email();
    }

    @Override
    public void setEmail(String email) {
        refuseChange(UserModel.EMAIL, getEmail(), email);
    }

    @Override
    public boolean isEmailVerified() {
        return account.emailConfirmed();
    }

    @Override
    public void setEmailVerified(boolean verified) {
        refuseChange("emailVerified", isEmailVerified(), verified);
    }

    @Override
    public boolean isEnabled() {
        // Keycloak refuses tokens, refreshes and SSO cookies of disabled users on every path.
        return POLICY.login(account.effectiveStatus()).allowed();
    }

    @Override
    public void setEnabled(boolean enabled) {
        refuseChange(UserModel.ENABLED, isEnabled(), enabled);
    }

    @Override
    public Long getCreatedTimestamp() {
        return account.createdAt() == null ? null : account.createdAt().toEpochMilli();
    }

    @Override
    public void setCreatedTimestamp(Long timestamp) {
        // Fixed by the store.
    }

    @Override
    public String getFirstAttribute(String name) {
        if (isStoreField(name)) {
            return storeValue(name);
        }
        return super.getFirstAttribute(name);
    }

    @Override
    public Stream<String> getAttributeStream(String name) {
        if (isStoreField(name)) {
            String value = storeValue(name);
            return value == null ? Stream.empty() : Stream.of(value);
        }
        return super.getAttributeStream(name);
    }

    @Override
    public Map<String, List<String>> getAttributes() {
        Map<String, List<String>> attributes = super.getAttributes();
        attributes.put(UserModel.EMAIL, account.email() == null ? List.of() : List.of(account.email()));
        storeAttributes.forEach((name, value) -> attributes.put(name, List.of(value)));
        return attributes;
    }

    @Override
    public void setSingleAttribute(String name, String value) {
        if (isStoreField(name)) {
            refuseChange(name, storeValue(name), value);
        } else {
            super.setSingleAttribute(name, value);
        }
    }

    @Override
    public void setAttribute(String name, List<String> values) {
        if (isStoreField(name)) {
            String value = values == null || values.isEmpty() ? null : values.get(0);
            refuseChange(name, storeValue(name), value);
        } else {
            super.setAttribute(name, values);
        }
    }

    @Override
    public void removeAttribute(String name) {
        if (isStoreField(name)) {
            refuseChange(name, storeValue(name), null);
        } else {
            super.removeAttribute(name);
        }
    }

    private static boolean isStoreField(String name) {
        return UserModel.USERNAME.equals(name)
                || UserModel.EMAIL.equals(name)
                || AccountAttributes.NAMES.contains(name);
    }

    private String storeValue(String name) {
        return switch (name) {
            case UserModel.USERNAME -> getUsername();
            case UserModel.EMAIL -> account.email();
            default -> storeAttributes.get(name);
        };
    }

    /** Writing back the value a field already has is a no-op, which the admin console relies on. */
    private static void refuseChange(String field, Object current, Object requested) {
        if (!Objects.equals(current, requested)) {
            throw new ReadOnlyException(field + " of a Gatehouse account is managed in the account store");
        }
    }
}
