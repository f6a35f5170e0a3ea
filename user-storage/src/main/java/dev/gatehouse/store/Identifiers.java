package dev.gatehouse.store;

import java.text.Normalizer;
import java.util.Locale;

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
        if (username == null) {
            return false;
        }
        int length = username.codePointCount(0, username.length());
        return length >= 1
                && length <= MAX_USERNAME_LENGTH
                && username.codePoints().noneMatch(Character::isISOControl);
    }
}
