package dev.gatehouse.rest.admin.setup;

import java.util.Arrays;
import java.util.Optional;

/**
 * The realm-wide choices setup makes only when asked: each changes something the realm's own users
 * and clients notice, so each is off unless the request turns it on, and states its consequence.
 * Uninstall restores the realm's previous value of every switch setup turned on.
 */
enum SetupSwitch {
    PUBLIC_SIGNUP(
            "publicSignup",
            "Public signup",
            "Turns on user registration for the whole realm: anyone can sign up on the login page, and a signup "
                    + "becomes a pending Gatehouse account confirmed by e-mail. The realm needs working SMTP."),
    BRUTE_FORCE(
            "bruteForce",
            "Brute-force detection",
            "Sets the realm's brute-force detection to Gatehouse's values (10 failures, 1 to 15 minutes of "
                    + "temporary lockout, quick-login check of 1 s): scripted clients that log in more than once a "
                    + "second are locked for a minute."),
    THEMES(
            "themes",
            "Gatehouse themes",
            "Sets the realm's login, account and e-mail themes to gatehouse (extends keycloak.v2): the realm's own "
                    + "branding is replaced on every page and e-mail. Without it Gatehouse's pages use the realm's "
                    + "login theme and may miss Gatehouse's messages."),
    BCRYPT_PASSWORD_POLICY(
            "bcryptPasswordPolicy",
            "bcrypt password policy",
            "Sets the password policy to hashAlgorithm(gatehouse-bcrypt): every local Keycloak user's password is "
                    + "rehashed with bcrypt at its next login, bcrypt reads only the first 72 bytes of a password, and "
                    + "removing the Gatehouse JAR afterwards locks those users out until their passwords are reset. "
                    + "Not needed for equal unknown-user timing; see docs/install-existing-realm.md for the way back."),
    SMTP(
            "smtp",
            "SMTP server",
            "Replaces the realm's SMTP settings (host, port, sender, TLS, authentication) with the ones given: every "
                    + "e-mail of the realm, Keycloak's own included, goes through that server.");

    private final String key;
    private final String label;
    private final String consequence;

    SetupSwitch(String key, String label, String consequence) {
        this.key = key;
        this.label = label;
        this.consequence = consequence;
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    String consequence() {
        return consequence;
    }

    static Optional<SetupSwitch> byKey(String key) {
        return Arrays.stream(values()).filter(value -> value.key.equals(key)).findFirst();
    }
}
