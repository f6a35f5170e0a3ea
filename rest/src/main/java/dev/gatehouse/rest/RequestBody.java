package dev.gatehouse.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.keycloak.services.ErrorResponse;

/** A request body read up to a limit, and decoded as strict UTF-8. */
public final class RequestBody {

    public static final int MAX_BYTES = 16 * 1024;

    /** Strict JSON: no trailing tokens, no duplicate keys. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestBody() {}

    /** The body, or empty when it is longer than {@link #MAX_BYTES}; reads at most one byte more. */
    public static Optional<byte[]> read(InputStream in) throws IOException {
        if (in == null) {
            return Optional.of(new byte[0]);
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        return bytes.length > MAX_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    /** The body of an endpoint's request: 400 when it cannot be read, 413 over {@link #MAX_BYTES}. */
    public static byte[] readOrRefuse(InputStream in) {
        Optional<byte[]> bytes;
        try {
            bytes = read(in);
        } catch (IOException e) {
            throw ErrorResponse.error("The request body could not be read", Response.Status.BAD_REQUEST);
        }
        return bytes.orElseThrow(() -> ErrorResponse.error(
                "The request body is larger than " + MAX_BYTES + " bytes", Response.Status.REQUEST_ENTITY_TOO_LARGE));
    }

    /** The text, or empty for bytes that are not valid UTF-8 (overlong forms and lone surrogates included). */
    public static Optional<String> utf8(byte[] bytes) {
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
