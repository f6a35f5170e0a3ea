package dev.gatehouse.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * How usernames and e-mail addresses are matched: case-insensitively, after Unicode NFC
 * normalisation, so that "Zoë" typed with a combining diaeresis finds the same account.
 */
public final class Identifiers {

    public static final int MAX_USERNAME_LENGTH = 256;

    private Identifiers() {}

    /** The value of the store's {@code username_key} / {@code email_key} columns for an identifier. */
    public static String key(String identifier) {
        return Normalizer.normalize(identifier.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a string is acceptable as a username: 1 to 256 characters (code points), none of
     * them a control character. Spaces and symbols are allowed (SPEC P4.1).
     */
    public static boolean isValidUsername(String username) {
        return usernameProblem(username).isEmpty();
    }

    /** What is wrong with a username, if anything: the field error a signup form shows. */
    public static Optional<UsernameProblem> usernameProblem(String username) {
        int length = username == null ? 0 : username.codePointCount(0, username.length());
        if (length == 0) {
            return Optional.of(UsernameProblem.EMPTY);
        }
        if (length > MAX_USERNAME_LENGTH) {
            return Optional.of(UsernameProblem.TOO_LONG);
        }
        if (username.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(UsernameProblem.CONTROL_CHARACTER);
        }
        return Optional.empty();
    }

    /** Why a string cannot be a username. */
    public enum UsernameProblem {
        EMPTY,
        TOO_LONG,
        CONTROL_CHARACTER
    }
}
