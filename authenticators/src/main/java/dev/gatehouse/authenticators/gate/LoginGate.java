package dev.gatehouse.authenticators.gate;

import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.AccountStatus;

/**
 * The one login gate of the browser password step and the direct grant (SPEC S1, P1–P3, P6.3,
 * P7.3): what an identifier found and a password attempt come to. Every attempt pays exactly one
 * password hash whatever was found — the account's own, or a dummy one where nothing could be
 * checked (unknown identifier, empty password, brute-force lockout, no password kept) — and the
 * account's state is told only after its password was proven. Plain Java: the paths gather the
 * facts and render the verdict.
 */
public final class LoginGate {

    private static final AccountPolicy POLICY = new AccountPolicy();

    /** What the identifier named. */
    enum Kind {
        ACCOUNT,
        PENDING_SIGNUP,
        UNKNOWN
    }

    /**
     * The facts of the identified account or pending signup.
     *
     * @param locked brute-force detection holds it (Keycloak's for accounts, {@link PendingSignupLockout} for signups)
     * @param hasPassword a password is kept to check against
     * @param linked tied to the central identity: its legacy password no longer logs in (SPEC P1.5)
     * @param status the effective status; active for pending signups and non-store users
     * @param disabled a Keycloak user disabled for a reason other than the store's status
     * @param unconfirmed its address awaits confirmation (SPEC P2.3)
     * @param secondFactor a second factor must follow (SPEC P9): the hook of the 2FA steps
     */
    record Subject(
            Kind kind,
            boolean locked,
            boolean hasPassword,
            boolean linked,
            AccountStatus status,
            boolean disabled,
            boolean unconfirmed,
            boolean secondFactor) {

        static final Subject UNKNOWN =
                new Subject(Kind.UNKNOWN, false, false, false, AccountStatus.ACTIVE, false, false, false);

        static Subject pendingSignup(boolean locked) {
            return new Subject(Kind.PENDING_SIGNUP, locked, true, false, AccountStatus.ACTIVE, false, true, false);
        }
    }

    /** The one hash an attempt pays: checking the password, or the same work against a dummy hash. */
    interface Passwords {
        boolean verify();

        void dummy();
    }

    public enum Verdict {
        ALLOW,
        /** Password proven, a second factor must follow: the flow's next steps ask for it. */
        SECOND_FACTOR,
        BANNED,
        TERMINATED,
        /** Password proven, a disabled Keycloak user: Keycloak's own "account disabled". */
        DISABLED,
        UNCONFIRMED,
        /** Legacy password proven, but the account signs in centrally (SPEC P1.5). */
        CENTRAL_LOGIN_REQUIRED,
        /** Refused: nothing matched the identifier. */
        UNKNOWN,
        /** Refused: no password given. */
        EMPTY_PASSWORD,
        /** Refused: brute-force detection holds the account or signup. */
        LOCKED,
        /** Refused: the password is not the account's (or it keeps none). */
        WRONG_PASSWORD;

        /** Whether the answer may depend on the account: only once its password was proven. */
        public boolean proven() {
            return switch (this) {
                case UNKNOWN, EMPTY_PASSWORD, LOCKED, WRONG_PASSWORD -> false;
                default -> true;
            };
        }

        /** Refusals that brute-force detection counts, as Keycloak counts them (not empty or locked). */
        public boolean countsAsFailure() {
            return this == UNKNOWN || this == WRONG_PASSWORD || this == CENTRAL_LOGIN_REQUIRED;
        }
    }

    private LoginGate() {}

    /**
     * @param password the password as submitted, possibly null or empty
     */
    public static Verdict decide(Subject subject, String password, Passwords passwords) {
        Verdict refusal = refusalBeforeHash(subject, password);
        if (refusal != null) {
            passwords.dummy();
            return refusal;
        }
        if (!passwords.verify()) {
            return Verdict.WRONG_PASSWORD;
        }
        return proven(subject);
    }

    private static Verdict refusalBeforeHash(Subject subject, String password) {
        if (subject.kind() == Kind.UNKNOWN) {
            return Verdict.UNKNOWN;
        }
        if (password == null || password.isEmpty()) {
            return Verdict.EMPTY_PASSWORD;
        }
        if (subject.locked()) {
            return Verdict.LOCKED;
        }
        return subject.hasPassword() ? null : Verdict.WRONG_PASSWORD;
    }

    private static Verdict proven(Subject subject) {
        if (subject.kind() == Kind.PENDING_SIGNUP) {
            return Verdict.UNCONFIRMED;
        }
        if (subject.linked()) {
            return Verdict.CENTRAL_LOGIN_REQUIRED;
        }
        if (!POLICY.login(subject.status()).allowed()) {
            return subject.status() == AccountStatus.BANNED ? Verdict.BANNED : Verdict.TERMINATED;
        }
        if (subject.disabled()) {
            return Verdict.DISABLED;
        }
        if (subject.unconfirmed()) {
            return Verdict.UNCONFIRMED;
        }
        return subject.secondFactor() ? Verdict.SECOND_FACTOR : Verdict.ALLOW;
    }
}
