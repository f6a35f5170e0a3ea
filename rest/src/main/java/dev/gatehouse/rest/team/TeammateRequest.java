package dev.gatehouse.rest.team;

import dev.gatehouse.domain.TeammateLevel;
import dev.gatehouse.rest.TextFieldRequest;
import java.util.Optional;

/**
 * The bodies of the teammate endpoints: an invitation {@code {"email": "…", "level": "…"}} and a
 * level change {@code {"level": "…"}}; the values, or the message of a 400.
 */
record TeammateRequest(String email, TeammateLevel level, String error) {

    static final int MAX_EMAIL_LENGTH = 320;

    private static final TextFieldRequest.Field EMAIL = new TextFieldRequest.Field(
            "email", MAX_EMAIL_LENGTH, "ann@example.com", c -> Character.isISOControl(c) || Character.isWhitespace(c));
    private static final TextFieldRequest.Field LEVEL =
            new TextFieldRequest.Field("level", 20, "developer", Character::isISOControl);

    static TeammateRequest invitation(byte[] body) {
        TextFieldRequest email = TextFieldRequest.parse(body, EMAIL);
        if (!email.valid()) {
            return invalid(email.error());
        }
        int at = email.value().indexOf('@');
        if (at < 1
                || at != email.value().lastIndexOf('@')
                || at == email.value().length() - 1) {
            return invalid("email must be an e-mail address such as ann@example.com");
        }
        TeammateRequest level = levelChange(body);
        return level.valid() ? new TeammateRequest(email.value(), level.level(), null) : level;
    }

    static TeammateRequest levelChange(byte[] body) {
        TextFieldRequest level = TextFieldRequest.parse(body, LEVEL);
        if (!level.valid()) {
            return invalid(level.error());
        }
        Optional<TeammateLevel> known = TeammateLevel.ofTeammate(level.value());
        return known.map(value -> new TeammateRequest(null, value, null))
                .orElseGet(() -> invalid("level must be one of admin, developer, billing, read-only"));
    }

    boolean valid() {
        return error == null;
    }

    private static TeammateRequest invalid(String message) {
        return new TeammateRequest(null, null, message);
    }
}
