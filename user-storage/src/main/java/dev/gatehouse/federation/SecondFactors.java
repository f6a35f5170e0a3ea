package dev.gatehouse.federation;

import java.util.List;
import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

/**
 * The second factors of a store account (SPEC P9). The provider claims only passwords, so Keycloak
 * keeps TOTP, passkeys and recovery codes of store accounts in its own (federated) credential store
 * and its own authenticators and required actions read and write them there; this class answers
 * what an account holds, removes them, and reads the realm's "require a second factor" setting.
 */
public final class SecondFactors {

    public static final String OTP = OTPCredentialModel.TYPE;
    public static final String WEBAUTHN = WebAuthnCredentialModel.TYPE_TWOFACTOR;
    public static final String PASSKEY = WebAuthnCredentialModel.TYPE_PASSWORDLESS;
    public static final String RECOVERY_CODES = RecoveryAuthnCodesCredentialModel.TYPE;

    /** The account activity entries (SPEC P8.1) of an enrolment and of a removal. */
    public static final String ENROLLED_ACTIVITY = "second_factor_enrolled";

    public static final String REMOVED_ACTIVITY = "second_factor_removed";

    /** What counts as a second factor; recovery codes only back one up. */
    private static final Set<String> FACTORS = Set.of(OTP, WEBAUTHN, PASSKEY);

    private static final Set<String> ALL = Set.of(OTP, WEBAUTHN, PASSKEY, RECOVERY_CODES);

    private SecondFactors() {}

    /** The second-factor credential types the user holds, sorted, each once. */
    public static List<String> types(UserModel user) {
        return user.credentialManager()
                .getStoredCredentialsStream()
                .map(CredentialModel::getType)
                .filter(ALL::contains)
                .distinct()
                .sorted()
                .toList();
    }

    /** Whether a credential type is a second factor (TOTP, security key, passkey). */
    static boolean isFactor(String type) {
        return FACTORS.contains(type);
    }

    /** A TOTP credential or a passkey. */
    public static boolean present(UserModel user) {
        return types(user).stream().anyMatch(FACTORS::contains);
    }

    /** Removes every second factor and the recovery codes; answers the types removed. */
    public static List<String> removeAll(UserModel user) {
        List<CredentialModel> credentials = user.credentialManager()
                .getStoredCredentialsStream()
                .filter(credential -> ALL.contains(credential.getType()))
                .toList();
        credentials.forEach(credential -> user.credentialManager().removeStoredCredentialById(credential.getId()));
        return credentials.stream()
                .map(CredentialModel::getType)
                .distinct()
                .sorted()
                .toList();
    }

    /** The realm's {@code requireSecondFactor} setting of its {@code gatehouse-accounts} federation. */
    public static boolean required(RealmModel realm) {
        return GatehouseAccounts.component(realm)
                .map(component -> AccountsStorageConfig.of(component).requireSecondFactor())
                .orElse(false);
    }

    /**
     * Whether the account must enrol before it gets a token: the setting is on, the account is a
     * store account not linked to the central identity (linked accounts use the central IdP's
     * second factor, SPEC P9.3), and it holds none.
     */
    public static boolean enrolmentDue(RealmModel realm, UserModel user) {
        return GatehouseAccounts.accountId(realm, user).isPresent()
                && user.getFirstAttribute(AccountAttributes.CENTRAL_SUBJECT) == null
                && required(realm)
                && !present(user);
    }
}
