package dev.gatehouse.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may be used for, as SendGrid's full, restricted and billing keys: the values of
 * the store's {@code api_key.scopes} and of the check's answer.
 */
public enum KeyScope {
    FULL("full"),
    MAIL_SEND("mail.send"),
    BILLING_READ("billing.read");

    private final String value;

    KeyScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<KeyScope> of(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.value.equals(value))
                .findFirst();
    }

    /**
     * The scopes a key of an account at this level may carry, so that a key never does more than
     * its account may: everything for the owner and {@code admin} teammates, sending for
     * {@code developer}, reading billing for {@code billing}, nothing for {@code read-only}.
     */
    public static Set<KeyScope> allowedFor(TeammateLevel level) {
        return switch (level) {
            case OWNER, ADMIN -> EnumSet.allOf(KeyScope.class);
            case DEVELOPER -> EnumSet.of(MAIL_SEND);
            case BILLING -> EnumSet.of(BILLING_READ);
            case READ_ONLY -> EnumSet.noneOf(KeyScope.class);
        };
    }

    /** The scopes of a key created without naming any: {@code full} where allowed, else all the level allows. */
    public static Set<KeyScope> defaultFor(TeammateLevel level) {
        Set<KeyScope> allowed = allowedFor(level);
        return allowed.contains(FULL) ? EnumSet.of(FULL) : allowed;
    }

    /** The store's representation, {@code text[]} written as a space-separated list. */
    public static String join(Set<KeyScope> scopes) {
        return String.join(" ", scopes.stream().sorted().map(KeyScope::value).toList());
    }

    /** Reads {@link #join}'s form; values this version does not know are left out. */
    public static Set<KeyScope> split(String joined) {
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        if (joined != null) {
            for (String value : joined.split(" ")) {
                of(value).ifPresent(scopes::add);
            }
        }
        return scopes;
    }
}
