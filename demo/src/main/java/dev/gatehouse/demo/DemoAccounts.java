package dev.gatehouse.demo;

import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.store.PasswordHasher;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.SecondFactorSeed;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The accounts of SPEC "Demo", in the states the table gives them. */
final class DemoAccounts {

    /** The {@code unified} user's id in the console realm (realm-export/console-realm.json). */
    static final String CENTRAL_UNIFIED_SUBJECT = "6a3c1f0e-6f4b-4c1e-9a51-2f6b7c0d9e01";

    /** The RFC 6238 test key, as an authenticator app is given it. */
    static final String TOTP_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    record Row(String username, String email, String password, String state) {}

    static final List<Row> TABLE = List.of(
            new Row("legacy", "legacy@demo.test", "legacy-pass", "active, unlinked; API key " + key("legacy")),
            new Row("unified", "unified@demo.test", "(central: unified-pass)", "active, linked to the central IdP"),
            new Row("pending", "pending@demo.test", "pending-pass", "pending signup, never confirmed"),
            new Row("unconfirmed", "unconfirmed@demo.test", "unconfirmed-pass", "store account, email not confirmed"),
            new Row(
                    "deadbeat",
                    "deadbeat@demo.test",
                    "deadbeat-pass",
                    "terminated for billing; API key " + key("deadbeat")),
            new Row("parent", "parent@demo.test", "parent-pass", "active parent of sub-one, sub-two (sub-pass)"),
            new Row("banned", "banned@demo.test", "banned-pass", "banned, with sub-user banned-sub (sub-pass)"),
            new Row("Zoë O'Brien & <Co>", "zoe@demo.test", "zoe-pass", "active; usernames can be anything"),
            new Row(
                    "secure",
                    "secure@demo.test",
                    "secure-pass",
                    "active, unlinked, TOTP: base32 key " + TOTP_KEY_BASE32 + " (SHA-1, 6 digits, 30 s)"),
            new Row("enroll", "enroll@demo.test", "enroll-pass", "active, unlinked, sets up TOTP at its next login"));

    private static final String LEGACY_SECRET = "dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA";
    private static final String DEADBEAT_SECRET = "dGVzdC1rZXktZGVhZGJlYXQtMDAwMDAwMDAwMDAw";

    // The cost the realm's password policy and the provider use, so that demo logins time like real ones.
    private final PasswordHasher hasher = new PasswordHasher(10);
    private final AccountStore store;

    private DemoAccounts(AccountStore store) {
        this.store = store;
    }

    static void seed(AccountStore store) {
        new DemoAccounts(store).seed();
    }

    private void seed() {
        UUID legacy = account("legacy", "legacy@demo.test", "legacy-pass").create();
        apiKey(legacy, "demo-legacy", LEGACY_SECRET);
        store.execute(
                "INSERT INTO dedicated_ip (address, account_id, assigned_at) VALUES ('203.0.113.20', ?, now())",
                legacy);

        store.account("unified")
                .email("unified@demo.test")
                .centralSubject(CENTRAL_UNIFIED_SUBJECT)
                .create();

        store.execute(
                "INSERT INTO pending_signup (username, username_key, email, email_key, password_hash, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, now() + interval '24 hours')",
                "pending",
                Identifiers.key("pending"),
                "pending@demo.test",
                Identifiers.key("pending@demo.test"),
                hasher.hash("pending-pass"));

        account("unconfirmed", "unconfirmed@demo.test", "unconfirmed-pass")
                .emailUnconfirmed()
                .create();

        UUID deadbeat = account("deadbeat", "deadbeat@demo.test", "deadbeat-pass")
                .status("terminated", "billing")
                .create();
        apiKey(deadbeat, "demo-deadbeat", DEADBEAT_SECRET);
        LocalDate lastMonth = LocalDate.now().withDayOfMonth(1).minusMonths(1);
        store.execute(
                "INSERT INTO bill_run (account_id, period, amount_due, due_date) VALUES (?, ?, 49.00, ?)",
                deadbeat,
                lastMonth,
                lastMonth.plusMonths(1));

        UUID parent = account("parent", "parent@demo.test", "parent-pass").create();
        account("sub-one", "parent@demo.test", "sub-pass").parent(parent).create();
        account("sub-two", "parent@demo.test", "sub-pass").parent(parent).create();

        UUID banned = account("banned", "banned@demo.test", "banned-pass")
                .status("banned", "abuse")
                .create();
        UUID bannedSub = account("banned-sub", "banned-sub@demo.test", "sub-pass")
                .status("banned", "abuse")
                .parent(banned)
                .create();
        for (String email : List.of("banned@demo.test", "banned-sub@demo.test")) {
            store.execute(
                    "INSERT INTO email_ban (email_key, email, account_id, reason) VALUES (?, ?, ?, 'abuse')",
                    Identifiers.key(email),
                    email,
                    email.startsWith("banned-sub") ? bannedSub : banned);
        }
        store.execute(
                "INSERT INTO dedicated_ip (address, assigned_at, released_at) VALUES ('203.0.113.10', now(), now())");
        store.execute(
                "INSERT INTO status_audit (account_id, old_status, new_status, reason, actor, cascaded_count)"
                        + " VALUES (?, 'active', 'banned', 'abuse', 'demo-seed', 2)",
                banned);

        account("Zoë O'Brien & <Co>", "zoe@demo.test", "zoe-pass").create();
        account("secure", "secure@demo.test", "secure-pass").create();
        account("enroll", "enroll@demo.test", "enroll-pass").create();
    }

    /**
     * The second factors of {@code secure} and {@code enroll} (SPEC P9): Keycloak keeps them in its own
     * credential store, so they are set through its admin API once Keycloak runs and the store is seeded.
     */
    static void seedSecondFactors(AdminApi admin) {
        SecondFactorSeed seed = new SecondFactorSeed(admin, "gatehouse");
        seed.totp("secure", SecondFactorSeed.RFC6238_SECRET);
        seed.requiredAction("enroll", "CONFIGURE_TOTP");
    }

    private AccountStore.NewAccount account(String username, String email, String password) {
        return store.account(username).email(email).passwordHash(hasher.hash(password));
    }

    private void apiKey(UUID account, String keyId, String secret) {
        store.execute(
                "INSERT INTO api_key (id, account_id, name, secret_hash) VALUES (?, ?, 'demo', ?)",
                keyId,
                account,
                sha256(Base64.getUrlDecoder().decode(secret)));
    }

    static String key(String account) {
        return "GH.demo-" + account + "." + (account.equals("legacy") ? LEGACY_SECRET : DEADBEAT_SECRET);
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
