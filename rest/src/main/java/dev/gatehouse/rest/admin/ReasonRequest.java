package dev.gatehouse.rest.admin;

import dev.gatehouse.rest.TextFieldRequest;

/** The body of a ban or termination, {@code {"reason": "…"}}: the reason, or the message of a 400. */
record ReasonRequest(String reason, String error) {

    static final int MAX_REASON_LENGTH = 500;

    // A reason may span lines; no other control character.
    private static final TextFieldRequest.Field FIELD = new TextFieldRequest.Field(
            "reason", MAX_REASON_LENGTH, "spam", c -> Character.isISOControl(c) && c != '\n');

    static ReasonRequest parse(byte[] body) {
        TextFieldRequest request = TextFieldRequest.parse(body, FIELD);
        return new ReasonRequest(request.value(), request.error());
    }

    boolean valid() {
        return error == null;
    }
}
