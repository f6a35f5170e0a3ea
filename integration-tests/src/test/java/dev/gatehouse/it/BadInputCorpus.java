package dev.gatehouse.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Hostile and unusual inputs, generated: samples of every Unicode general category, lengths from 0
 * to 100,000 and oversized ones, control characters, byte sequences that are not UTF-8, CRLF, and
 * HTML, JavaScript, FreeMarker and SQL payloads, alone and wrapped in plausible values.
 */
final class BadInputCorpus {

    /** One input: raw bytes (UTF-8 unless {@code validUtf8} is false) and a label for the tallies. */
    record Input(String kind, String label, byte[] bytes, boolean validUtf8) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** {@code application/x-www-form-urlencoded} of the bytes, every byte escaped that must be. */
        String formEncoded() {
            StringBuilder out = new StringBuilder(bytes.length * 3);
            for (byte b : bytes) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "-._*".indexOf(c) >= 0) {
                    out.append((char) c);
                } else {
                    out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
                }
            }
            return out.toString();
        }

        /** Whether echoing it verbatim would be markup injected into a page. */
        boolean isMarkup() {
            String text = text();
            return text.indexOf('<') >= 0 || text.indexOf('"') >= 0;
        }
    }

    static final int OVERSIZED = 1 << 20;

    private static final String[] HTML = {
        "<script>alert(1)</script>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)>",
        "javascript:alert(1)",
        "\" autofocus onfocus=\"alert(1)",
        "' onmouseover='alert(1)",
        "<a href=\"//evil.example\">click</a>",
        "<style>*{display:none}</style>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<!--",
        "]]><x>",
        "&lt;b&gt;entity&lt;/b&gt;",
        "&#60;script&#62;",
        "<body onload=alert(1)>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "`${alert(1)}`",
        "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">"
    };

    private static final String[] FREEMARKER = {
        "${7*7}",
        "#{7*7}",
        "[=7*7]",
        "${.now}",
        "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
        "${\"freemarker.template.utility.ObjectConstructor\"?new()(\"java.lang.ProcessBuilder\",\"id\")}",
        "<#include \"/etc/passwd\">",
        "${msg(\"loginTitle\")}",
        "${kcSanitize(\"<b>x</b>\")?no_esc}",
        "<@x/>",
        "${realm.name}",
        "${product.version!}",
        "#{realm.displayName}",
        "${user.attributes}"
    };

    private static final String[] SQL = {
        "' OR '1'='1",
        "' OR '1'='1' --",
        "'; DROP TABLE account; --",
        "\"; DROP TABLE account; --",
        "1; DELETE FROM api_key",
        "' UNION SELECT password_hash FROM account --",
        "admin'--",
        "%",
        "_",
        "%%%___",
        "\\",
        "\\'",
        "''",
        "') OR ('a'='a",
        "1' AND pg_sleep(5)--",
        "'; UPDATE account SET status='active'; --",
        "$$; SELECT 1; $$",
        "E'\\x00'",
        "ORDER BY 1--",
        "';COPY account TO '/tmp/x';--"
    };

    private static final String[] CRLF = {
        "a\r\nSet-Cookie: injected=1",
        "a\r\n\r\n<html>injected</html>",
        "a\nLocation: //evil.example",
        "a\rb",
        "a\nb",
        "\r\n",
        "%0d%0aSet-Cookie:%20x=1",
        "line1\u2028line2\u2029"
    };

    private static final byte[][] NOT_UTF8 = {
        {(byte) 0xff},
        {(byte) 0xfe, (byte) 0xff},
        {(byte) 0xc0, (byte) 0x80},
        {(byte) 0xc1, (byte) 0xbf},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xed, (byte) 0xbf, (byte) 0xbf},
        {(byte) 0xe2, (byte) 0x82},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0x80},
        {(byte) 0xbf, (byte) 0x80, (byte) 0xbf},
        {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}
    };

    private BadInputCorpus() {}

    static List<Input> generate() {
        List<Input> inputs = new ArrayList<>();
        unicodeCategories(inputs);
        lengths(inputs);
        controls(inputs);
        for (byte[] bytes : NOT_UTF8) {
            inputs.add(new Input("invalid-utf8", HexFormat.of().formatHex(bytes), bytes, false));
            inputs.add(
                    new Input("invalid-utf8", "wrapped " + HexFormat.of().formatHex(bytes), wrap("ann", bytes), false));
        }
        payloads(inputs, "crlf", CRLF);
        payloads(inputs, "html", HTML);
        payloads(inputs, "freemarker", FREEMARKER);
        payloads(inputs, "sql", SQL);
        return List.copyOf(inputs);
    }

    /** Up to six code points of every general category, spread over the planes. */
    private static void unicodeCategories(List<Input> inputs) {
        int[][] found = new int[32][];
        int[] counts = new int[32];
        int[] starts = {0, 0x100, 0x1000, 0x3000, 0xa000, 0x10000, 0x1f000, 0xe0000};
        for (int start : starts) {
            int[] perStart = new int[32];
            for (int cp = start; cp <= Character.MAX_CODE_POINT && cp < start + 0x10000; cp++) {
                int type = Character.getType(cp);
                if (perStart[type] == 0 && counts[type] < 6) {
                    if (found[type] == null) {
                        found[type] = new int[6];
                    }
                    found[type][counts[type]++] = cp;
                    perStart[type] = 1;
                }
            }
        }
        for (int type = 0; type < found.length; type++) {
            for (int i = 0; i < counts[type]; i++) {
                int cp = found[type][i];
                String label = "category " + type + " U+" + Integer.toHexString(cp);
                // Lone surrogates cannot be encoded: send what a client would, their 3-byte form.
                byte[] bytes = Character.isSurrogate((char) cp) && cp <= 0xffff
                        ? new byte[] {
                            (byte) (0xe0 | (cp >> 12)), (byte) (0x80 | ((cp >> 6) & 0x3f)), (byte) (0x80 | (cp & 0x3f))
                        }
                        : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                boolean valid = !Character.isSurrogate((char) cp) || cp > 0xffff;
                inputs.add(new Input("unicode", label, bytes, valid));
                inputs.add(new Input("unicode", label + " in a name", wrap("Zo", bytes), valid));
            }
        }
    }

    private static void lengths(List<Input> inputs) {
        int[] lengths = {0, 1, 2, 255, 256, 257, 1000, 4096, 10_000, 65_536, 100_000};
        String[] units = {"a", "é", "张", "\uD83D\uDE00", " "};
        for (int length : lengths) {
            for (String unit : units) {
                String value = unit.repeat(length);
                inputs.add(new Input("length", length + " x " + unit, value.getBytes(StandardCharsets.UTF_8), true));
            }
        }
        inputs.add(new Input("oversized", "1 MiB", "a".repeat(OVERSIZED).getBytes(StandardCharsets.UTF_8), true));
    }

    private static void controls(List<Input> inputs) {
        List<Integer> controls = new ArrayList<>();
        for (int c = 0; c < 0x20; c++) {
            controls.add(c);
        }
        controls.add(0x7f);
        for (int c = 0x80; c < 0xa0; c++) {
            controls.add(c);
        }
        controls.addAll(List.of(0x200b, 0x200e, 0x202e, 0x2066, 0xfeff, 0xfff9, 0xfffe, 0xffff));
        for (int c : controls) {
            String label = "control U+" + Integer.toHexString(c);
            inputs.add(new Input("control", label, ("ab" + (char) c + "cd").getBytes(StandardCharsets.UTF_8), true));
        }
    }

    private static void payloads(List<Input> inputs, String kind, String[] payloads) {
        for (String payload : payloads) {
            inputs.add(new Input(kind, payload, payload.getBytes(StandardCharsets.UTF_8), true));
            String asAddress = "x" + payload + "@example.test";
            inputs.add(new Input(kind, "address " + payload, asAddress.getBytes(StandardCharsets.UTF_8), true));
        }
    }

    private static byte[] wrap(String prefix, byte[] middle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes("ë".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
