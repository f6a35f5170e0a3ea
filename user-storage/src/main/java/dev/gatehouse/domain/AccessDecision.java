package dev.gatehouse.domain;

/**
 * What {@link AccountPolicy} answers for one access path, once the credentials were proven.
 *
 * @param verdict whether to allow, to refuse showing the reason, or to answer as for bad credentials
 * @param effectiveStatus the status the decision was made on, for the message of a refusal
 */
public record AccessDecision(Verdict verdict, AccountStatus effectiveStatus) {

    public enum Verdict {
        /** Go ahead. */
        ALLOW,
        /** Refuse and say why (the account's state may be revealed: the credentials were proven). */
        REFUSE,
        /** Refuse exactly as for wrong credentials: the path must not reveal the account's state. */
        INVALID_CREDENTIALS
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }
}
