package dev.gatehouse.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30-second steps: Keycloak's default policy), as an authenticator app computes it. */
public final class Totp {

    /** The RFC 6238 test key, "12345678901234567890", as an authenticator app is given it. */
    public static final String RFC_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static final int PERIOD_SECONDS = 30;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final byte[] key;

    private Totp(byte[] key) {
        this.key = key;
    }

    /** A key as a setup page shows it: base32, maybe in groups separated by spaces. */
    public static Totp ofBase32(String encoded) {
        return new Totp(base32(encoded));
    }

    public String now() {
        return at(Instant.now().getEpochSecond() / PERIOD_SECONDS);
    }

    /** A six-digit code that no step from one before to one after now accepts. */
    public String wrong() {
        long step = Instant.now().getEpochSecond() / PERIOD_SECONDS;
        for (int candidate = 0; ; candidate++) {
            String code = String.format(Locale.ROOT, "%06d", candidate * 111_111 % 1_000_000);
            if (!code.equals(at(step - 1)) && !code.equals(at(step)) && !code.equals(at(step + 1))) {
                return code;
            }
        }
    }

    /** RFC 4226 HOTP of a time step (RFC 6238 section 4). */
    public String at(long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String encoded) {
        String clean = encoded.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + encoded);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
