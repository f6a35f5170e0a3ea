package dev.gatehouse.authenticators.gate;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.domain.PendingSignup;
import dev.gatehouse.federation.AccountAttributes;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.metrics.GatehouseMetrics;
import dev.gatehouse.metrics.GatehouseMetrics.PasswordHash;
import dev.gatehouse.store.PasswordHasher;
import dev.gatehouse.support.RealmSettings;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What an identifier names, found the one way every login path finds it (SPEC P4.2): an account
 * by username, else by an address exactly one account owns; else a live pending signup; else
 * nothing. At most one of {@code user} and {@code signup} is set.
 */
public record Identified(UserModel user, PendingSignup signup) {

    public static final Identified NOBODY = new Identified(null, null);

    /** Auth note: id of the account the identifier matched, for the password step. */
    private static final String USER_NOTE = "GATEHOUSE_IDENTIFIED_USER";

    /** Auth note: id of the pending signup the identifier matched when no account did. */
    private static final String SIGNUP_NOTE = "GATEHOUSE_IDENTIFIED_SIGNUP";

    public static Identified find(KeycloakSession session, RealmModel realm, String typed) {
        String identifier = typed == null ? "" : typed.strip();
        // No account can have an invalid one, and the databases refuse some of it (NUL).
        if (!Identifiers.isValidUsername(identifier)) {
            return NOBODY;
        }
        try {
            UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, identifier);
            if (user != null) {
                return new Identified(user, null);
            }
        } catch (ModelDuplicateException sharedAddress) {
            // An address shared by several accounts names none of them, nor a signup.
            return NOBODY;
        }
        return GatehouseAccounts.pendingSignups(session)
                .findLiveByIdentifier(identifier)
                .map(signup -> new Identified(null, signup))
                .orElse(NOBODY);
    }

    /** For the password step: kept as notes, not as the flow's user (Keycloak refuses disabled flow users). */
    public void remember(AuthenticationSessionModel authSession) {
        remember(authSession, user == null ? null : user.getId(), signup == null ? null : signup.id());
    }

    static void remember(AuthenticationSessionModel authSession, String userId, UUID signupId) {
        note(authSession, USER_NOTE, userId);
        note(authSession, SIGNUP_NOTE, signupId == null ? null : signupId.toString());
    }

    /**
     * What the identifier step named, found again the same way for every identifier (SPEC S1): the
     * identifier is looked up whether or not that step found anything, and only what it named
     * counts. Looking the account up by its identifier, not its id, loads it into Keycloak's user
     * cache by both, so Keycloak's own lookup of the attempted username (brute-force logging)
     * reads nothing more. A signup confirmed or expired since is gone.
     */
    public static Identified remembered(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String userId = authSession.getAuthNote(USER_NOTE);
        String signupId = authSession.getAuthNote(SIGNUP_NOTE);
        String attempted = authSession.getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        if (attempted == null) {
            // Re-authentication of the session's user: its id is all there is.
            UserModel user =
                    userId == null ? null : context.getSession().users().getUserById(context.getRealm(), userId);
            return user == null ? NOBODY : new Identified(user, null);
        }
        Identified found = find(context.getSession(), context.getRealm(), attempted);
        if (found.user() != null && found.user().getId().equals(userId)) {
            return found;
        }
        if (found.signup() != null && found.signup().id().toString().equals(signupId)) {
            return found;
        }
        return NOBODY;
    }

    public boolean linked(KeycloakSession session, RealmModel realm) {
        return user != null && CentralIdentity.of(realm).isLinked(session, realm, user);
    }

    /** The facts the gate decides on. */
    public LoginGate.Subject subject(AuthenticationFlowContext context) {
        if (signup != null) {
            return LoginGate.Subject.pendingSignup(
                    new PendingSignupLockout(context.getSession(), context.getRealm()).locked(signup));
        }
        if (user == null) {
            return LoginGate.Subject.UNKNOWN;
        }
        String status = user.getFirstAttribute(AccountAttributes.EFFECTIVE_STATUS);
        return new LoginGate.Subject(
                LoginGate.Kind.ACCOUNT,
                AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null,
                user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE),
                linked(context.getSession(), context.getRealm()),
                status == null ? AccountStatus.ACTIVE : AccountStatus.fromDb(status),
                !user.isEnabled(),
                unconfirmed(user),
                // The hook of the second-factor work (SPEC P9): until it lands, no step follows.
                false);
    }

    /**
     * The password check of this attempt: exactly one hash, real or dummy. In a realm that also has
     * local Keycloak users with Keycloak's own hash ({@link RealmSettings#matchLocalUserTiming}),
     * every attempt pays both kinds, one real and one dummy, so that neither a store account nor a
     * local user answers in another time than an unknown identifier.
     */
    public LoginGate.Passwords passwords(AuthenticationFlowContext context, String password) {
        RealmModel realm = context.getRealm();
        boolean both = RealmSettings.matchLocalUserTiming(realm);
        return new LoginGate.Passwords() {
            @Override
            public boolean verify() {
                if (user != null) {
                    boolean valid = user.credentialManager().isValid(UserCredentialModel.password(password));
                    boolean store = fromStore(realm, user);
                    if (!store) {
                        GatehouseMetrics.global().keycloakPasswordHash(PasswordHash.VERIFY);
                    }
                    if (both) {
                        if (store) {
                            keycloakDummyHash(context);
                        } else {
                            hasher(realm).ifPresent(hasher -> hasher.dummyVerify(password));
                        }
                    }
                    return valid;
                }
                boolean valid = hasher(realm)
                        .map(hasher -> hasher.verify(password, signup.passwordHash()))
                        .orElse(false);
                if (both) {
                    keycloakDummyHash(context);
                }
                return valid;
            }

            @Override
            public void dummy() {
                hasher(realm).ifPresentOrElse(hasher -> hasher.dummyVerify(password), () -> keycloakDummyHash(context));
                if (both) {
                    keycloakDummyHash(context);
                }
            }
        };
    }

    private static void keycloakDummyHash(AuthenticationFlowContext context) {
        GatehouseMetrics.global().keycloakPasswordHash(PasswordHash.DUMMY);
        AuthenticatorUtils.dummyHash(context);
    }

    private static boolean fromStore(RealmModel realm, UserModel user) {
        return GatehouseAccounts.component(realm)
                .map(component -> component.getId().equals(user.getFederationLink()))
                .orElse(false);
    }

    /** A wrong password of a pending signup counts toward its lockout. */
    public void failed(AuthenticationFlowContext context) {
        if (signup != null) {
            new PendingSignupLockout(context.getSession(), context.getRealm()).failed(signup);
        }
    }

    /** SPEC P2.3: a store account whose address is unconfirmed does not log in with its password. */
    private static boolean unconfirmed(UserModel user) {
        return user.getEmail() != null
                && Boolean.FALSE.toString().equals(user.getFirstAttribute(AccountAttributes.EMAIL_CONFIRMED));
    }

    /** The store's hasher, at the realm's cost; none in a realm without the store. */
    private static Optional<PasswordHasher> hasher(RealmModel realm) {
        return GatehouseAccounts.component(realm).map(component -> GatehouseAccounts.hasher(realm));
    }

    private static void note(AuthenticationSessionModel authSession, String name, String value) {
        if (value == null) {
            authSession.removeAuthNote(name);
        } else {
            authSession.setAuthNote(name, value);
        }
    }
}
