package dev.gatehouse.authenticators.browser;

/** Where the identifier step sends a login (SPEC P1.2–P1.4). */
enum IdentifierRoute {
    /** To the central identity provider, with the identifier as login hint. */
    CENTRAL,
    /** To the password step, with the account found. */
    PASSWORD,
    /** To the password step without an account: it fails like a wrong password, after a dummy hash. */
    PASSWORD_UNKNOWN;

    /** What to do with unknown identifiers: config option {@code unknownIdentifiers}. */
    enum Unknown {
        PASSWORD,
        CENTRAL
    }

    static IdentifierRoute of(boolean accountFound, boolean linked, Unknown unknownIdentifiers) {
        if (!accountFound) {
            return unknownIdentifiers == Unknown.CENTRAL ? CENTRAL : PASSWORD_UNKNOWN;
        }
        return linked ? CENTRAL : PASSWORD;
    }
}
