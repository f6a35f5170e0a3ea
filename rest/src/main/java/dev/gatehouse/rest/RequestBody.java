package dev.gatehouse.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A request body read up to a limit, and decoded as strict UTF-8. */
final class RequestBody {

    static final int MAX_BYTES = 16 * 1024;

    private RequestBody() {}

    /** The body, or empty when it is longer than {@link #MAX_BYTES}; reads at most one byte more. */
    static Optional<byte[]> read(InputStream in) throws IOException {
        if (in == null) {
            return Optional.of(new byte[0]);
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        return bytes.length > MAX_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    /** The text, or empty for bytes that are not valid UTF-8 (overlong forms and lone surrogates included). */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
