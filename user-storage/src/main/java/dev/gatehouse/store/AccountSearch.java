package dev.gatehouse.store;

import dev.gatehouse.domain.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Keycloak's user-search parameters into a WHERE clause over the account store, following
 * Keycloak's own conventions: prefix match by default, {@code *} as a wildcard, a quoted term or
 * {@code exact=true} for an exact match. Every user-supplied value is a bind parameter.
 */
public final class AccountSearch {

    // Keycloak's UserModel search keys, repeated here so that this class stays free of Keycloak.
    static final String SEARCH = "keycloak.session.realm.users.query.search";
    static final String EXACT = "keycloak.session.realm.users.query.exact";
    static final String USERNAME = "username";
    static final String EMAIL = "email";
    static final String FIRST_NAME = "firstName";
    static final String LAST_NAME = "lastName";

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> binds = new ArrayList<>();

    private AccountSearch() {}

    /** Everything: the admin console's empty search and {@code *}. */
    public static AccountSearch all() {
        return new AccountSearch();
    }

    /** The search, or empty when the parameters ask for something no store account has. */
    public static Optional<AccountSearch> from(Map<String, String> params) {
        if (params.values().stream().anyMatch(AccountSearch::hasControlCharacter)) {
            // No identifier contains one, and PostgreSQL refuses NUL in text.
            return Optional.empty();
        }
        AccountSearch search = new AccountSearch();
        boolean exact = Boolean.parseBoolean(params.get(EXACT));
        String term = params.get(SEARCH);
        if (term != null && !term.isBlank() && !term.strip().equals("*")) {
            search.matchAny(term.strip(), "username_key", "email_key");
        }
        if (params.get(USERNAME) != null) {
            search.matchField(params.get(USERNAME), exact, "username_key");
        }
        if (params.get(EMAIL) != null) {
            search.matchField(params.get(EMAIL), exact, "email_key");
        }
        // Store accounts have no first or last name.
        if (isSet(params.get(FIRST_NAME)) || isSet(params.get(LAST_NAME))) {
            return Optional.empty();
        }
        return Optional.of(search);
    }

    public String whereSql() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    public List<Object> binds() {
        return List.copyOf(binds);
    }

    private void matchAny(String term, String... columns) {
        List<String> alternatives = new ArrayList<>();
        for (String column : columns) {
            alternatives.add(condition(term, false, column));
        }
        conditions.add("(" + String.join(" OR ", alternatives) + ")");
    }

    private void matchField(String value, boolean exact, String column) {
        conditions.add(condition(value.strip(), exact, column));
    }

    private String condition(String term, boolean exact, String column) {
        int position = binds.size() + 1;
        boolean quoted = term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"");
        if (exact || quoted) {
            binds.add(Identifiers.key(quoted ? term.substring(1, term.length() - 1) : term));
            return column + " = ?" + position;
        }
        binds.add(likePattern(Identifiers.key(term)));
        return column + " LIKE ?" + position + " ESCAPE '\\'";
    }

    /** Prefix pattern with {@code *} as the only wildcard; LIKE's own wildcards are escaped. */
    static String likePattern(String term) {
        StringBuilder pattern = new StringBuilder();
        for (char c : term.toCharArray()) {
            switch (c) {
                case '\\', '%', '_' -> pattern.append('\\').append(c);
                case '*' -> pattern.append('%');
                default -> pattern.append(c);
            }
        }
        if (!term.endsWith("*")) {
            pattern.append('%');
        }
        return pattern.toString();
    }

    private static boolean hasControlCharacter(String value) {
        return value != null && value.codePoints().anyMatch(Character::isISOControl);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
