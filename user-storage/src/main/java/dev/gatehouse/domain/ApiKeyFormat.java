package dev.gatehouse.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API key format {@code <prefix>.<key id>.<secret>}: the secret is 32 random bytes,
 * base64url without padding; the store keeps only the SHA-256 of the decoded secret bytes. A
 * 256-bit random secret needs no salt and no slow KDF: it cannot be guessed, only stolen.
 */
public final class ApiKeyFormat {

    public static final String DEFAULT_PREFIX = "GH";
    public static final int SECRET_BYTES = 32;

    static final int KEY_ID_BYTES = 12;
    static final int MAX_KEY_LENGTH = 512;

    // Generated secrets are 32 bytes; shorter ones down to 16 bytes are accepted so that keys
    // imported from the legacy system (the demo's deadbeat key has 30) keep working.
    private static final int MIN_SECRET_BYTES = 16;
    private static final int MAX_SECRET_BYTES = 64;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Compared against when a key id is unknown, so that every check hashes and compares once. */
    private static final byte[] DUMMY_HASH = new byte[32];

    private final String prefix;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyFormat(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("API key prefix must be 1 to 16 letters or digits");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** A key as presented by a client: its id and the decoded secret bytes. */
    public record Parsed(String keyId, byte[] secret) {}

    /** A freshly generated key: the full string shown once, its id, and the hash to store. */
    public record Generated(String keyId, String key, byte[] secretHash) {}

    public Generated generate() {
        String keyId = ENCODER.encodeToString(randomBytes(KEY_ID_BYTES));
        byte[] secret = randomBytes(SECRET_BYTES);
        return new Generated(keyId, prefix + "." + keyId + "." + ENCODER.encodeToString(secret), sha256(secret));
    }

    /** The key's parts, or empty when it is not a key of this format and prefix. */
    public Optional<Parsed> parse(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length != 3
                || !parts[0].equals(prefix)
                || !KEY_ID.matcher(parts[1]).matches()
                || !SECRET.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        byte[] secret;
        try {
            secret = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(parts[1], secret));
    }

    public static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether a secret hashes to the stored hash, compared in constant time. A {@code null} stored
     * hash (unknown key id) is compared against a dummy so that the work done is the same.
     */
    public static boolean matches(byte[] secret, byte[] storedHash) {
        byte[] actual = sha256(secret);
        boolean equal = MessageDigest.isEqual(actual, storedHash == null ? DUMMY_HASH : storedHash);
        return equal && storedHash != null;
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
