package dev.gatehouse.rest;

/** The body of a key creation, {@code {"name": "…"}}: the name, or the message of a 400. */
record NewKeyRequest(String name, String error) {

    static final int MAX_NAME_LENGTH = 100;

    private static final TextFieldRequest.Field FIELD =
            new TextFieldRequest.Field("name", MAX_NAME_LENGTH, "mail relay", Character::isISOControl);

    static NewKeyRequest parse(byte[] body) {
        TextFieldRequest request = TextFieldRequest.parse(body, FIELD);
        return new NewKeyRequest(request.value(), request.error());
    }

    boolean valid() {
        return error == null;
    }
}
