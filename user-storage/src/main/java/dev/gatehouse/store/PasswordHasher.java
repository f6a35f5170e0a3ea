package dev.gatehouse.store;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.gatehouse.metrics.GatehouseMetrics.PasswordHash;
import java.nio.charset.StandardCharsets;

/**
 * Legacy bcrypt password hashes: verification of stored hashes of any cost and variant
 * ($2a$, $2b$, $2y$), hashing of new passwords at a configured cost, and a dummy verification of
 * the same cost for unknown users so that response times do not reveal which accounts exist.
 */
public final class PasswordHasher {

    public static final int MIN_COST = 4;
    public static final int MAX_COST = 16;

    // Legacy systems truncated passwords at bcrypt's 72-byte limit; verify the same way so that
    // their long passwords keep working.
    private static final BCrypt.Hasher HASHER =
            BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private static final BCrypt.Verifyer VERIFYER =
            BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    // The demo and the test harness hash passwords with this class outside Keycloak, where
    // Micrometer is absent: count only where its registry exists.
    private static final boolean COUNTED = present("io.micrometer.core.instrument.MeterRegistry");

    private final int cost;
    private final String dummyHash;

    public PasswordHasher(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST);
        }
        this.cost = cost;
        this.dummyHash = HASHER.hashToString(cost, "gatehouse-dummy-password".toCharArray());
    }

    public String hash(String password) {
        count(PasswordHash.HASH);
        return HASHER.hashToString(cost, password.toCharArray());
    }

    /** Constant-time comparison by the bcrypt library; a malformed stored hash never matches. */
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        count(PasswordHash.VERIFY);
        return check(password, storedHash);
    }

    /** Spends the time of one verification, for identifiers that match no account. */
    public void dummyVerify(String password) {
        count(PasswordHash.DUMMY);
        check(password == null ? "" : password, dummyHash);
    }

    private static boolean check(String password, String storedHash) {
        try {
            return VERIFYER.verify(
                            password.getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8))
                    .verified;
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    private static void count(PasswordHash kind) {
        if (COUNTED) {
            dev.gatehouse.metrics.GatehouseMetrics.global().passwordHash(kind);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PasswordHasher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
