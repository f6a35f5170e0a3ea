package dev.gatehouse.domain;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Optional;

/**
 * How usernames and e-mail addresses are matched (SPEC P4.1, P4.2): on a key that is the Unicode
 * {@code NFKC_Casefold} of the identifier (compatibility normalisation, full case folding and
 * removal of default-ignorable characters), so that {@code "Zoë"} typed with a combining diaeresis,
 * {@code "ZOË"}, {@code "ⅼegacy"} (U+217C) and {@code "legacy\u200B"} find the same account as
 * their plain spelling. {@code NFKC_Casefold} is stable across Unicode versions for assigned
 * characters, which is why it, and not the UTS #39 confusable skeleton (whose data changes with
 * every release), is what the store keys on; the skeleton's sibling check, mixed scripts, refuses
 * new look-alike usernames instead.
 */
public final class Identifiers {

    public static final int MAX_USERNAME_LENGTH = 256;

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    /**
     * UTS #39 section 5.2 "moderately restrictive": one script, or Latin with one other script
     * (Cyrillic and Greek excepted), so that "pаypal" with a Cyrillic "а" is refused; plus digits
     * from one numbering system only.
     */
    private static final SpoofChecker MIXED_SCRIPTS = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();

    private Identifiers() {}

    /**
     * The value of the store's {@code username_key} / {@code email_key} columns for an identifier:
     * its {@code NFKC_Casefold}, without leading and trailing white space. The Flyway migration
     * {@code db.gatehouse.V7__Identifier_keys} computes existing rows' keys with this method.
     */
    public static String key(String identifier) {
        return NFKC_CASEFOLD.normalize(identifier.strip()).strip();
    }

    /**
     * Whether a string can name an account at login: 1 to 256 characters (code points), none of
     * them a control character. Lookups are lenient beyond that, since the key drops invisible
     * characters anyway; new usernames must also pass {@link #usernameProblem}.
     */
    public static boolean isValidUsername(String username) {
        int length = username == null ? 0 : username.codePointCount(0, username.length());
        return length > 0
                && length <= MAX_USERNAME_LENGTH
                && username.codePoints().noneMatch(Character::isISOControl);
    }

    /**
     * What is wrong with a new username, if anything: the field error a signup form shows. Spaces,
     * symbols and any one script are fine (SPEC P4.1); what a person cannot see or type is not.
     */
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
        if (username.codePoints().anyMatch(Identifiers::isInvisible)) {
            return Optional.of(UsernameProblem.INVISIBLE_CHARACTER);
        }
        if (key(username).isEmpty()) {
            return Optional.of(UsernameProblem.EMPTY);
        }
        if (MIXED_SCRIPTS.failsChecks(username)) {
            return Optional.of(UsernameProblem.MIXED_SCRIPTS);
        }
        return Optional.empty();
    }

    /**
     * Format characters (bidi overrides, zero-width joiners), other default-ignorable code points,
     * line and paragraph separators, private-use, unassigned and lone surrogate code points: none
     * of them shows as itself, and unassigned ones could change their key in a later Unicode.
     */
    private static boolean isInvisible(int codePoint) {
        int type = UCharacter.getType(codePoint);
        return type == UCharacter.FORMAT
                || type == UCharacter.LINE_SEPARATOR
                || type == UCharacter.PARAGRAPH_SEPARATOR
                || type == UCharacter.PRIVATE_USE
                || type == UCharacter.SURROGATE
                || type == UCharacter.UNASSIGNED
                || UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /** Why a string cannot be a username. */
    public enum UsernameProblem {
        EMPTY,
        TOO_LONG,
        CONTROL_CHARACTER,
        INVISIBLE_CHARACTER,
        MIXED_SCRIPTS
    }
}
