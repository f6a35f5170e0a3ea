package dev.gatehouse.authenticators.signup;

import dev.gatehouse.domain.Identifiers;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;

/**
 * What the signup form submitted, and what is wrong with it on its face. Usernames follow SPEC
 * P4.1 ({@link Identifiers#usernameProblem}); whether the username is free and what the password
 * policy says are asked elsewhere.
 */
record SignupRequest(String username, String email, String password, String passwordConfirm) {

    static final String USERNAME_MISSING = "gatehouse.usernameMissing";
    static final String USERNAME_TOO_LONG = "gatehouse.usernameTooLong";
    static final String USERNAME_CONTROL_CHARACTER = "gatehouse.usernameControlCharacter";
    static final String USERNAME_INVISIBLE_CHARACTER = "gatehouse.usernameInvisibleCharacter";
    static final String USERNAME_MIXED_SCRIPTS = "gatehouse.usernameMixedScripts";

    private static final int MAX_EMAIL_LENGTH = 320;

    static SignupRequest of(MultivaluedMap<String, String> form) {
        return new SignupRequest(
                stripped(form.getFirst(Validation.FIELD_USERNAME)),
                stripped(form.getFirst(Validation.FIELD_EMAIL)),
                nullToEmpty(form.getFirst(Validation.FIELD_PASSWORD)),
                nullToEmpty(form.getFirst(Validation.FIELD_PASSWORD_CONFIRM)));
    }

    /** One message per field at most, in the order of the form. */
    List<FormMessage> fieldErrors() {
        List<FormMessage> errors = new ArrayList<>();
        Identifiers.usernameProblem(username)
                .map(problem -> switch (problem) {
                    case EMPTY -> USERNAME_MISSING;
                    case TOO_LONG -> USERNAME_TOO_LONG;
                    case CONTROL_CHARACTER -> USERNAME_CONTROL_CHARACTER;
                    case INVISIBLE_CHARACTER -> USERNAME_INVISIBLE_CHARACTER;
                    case MIXED_SCRIPTS -> USERNAME_MIXED_SCRIPTS;
                })
                .ifPresent(message -> errors.add(new FormMessage(Validation.FIELD_USERNAME, message)));
        if (email.isEmpty()) {
            errors.add(new FormMessage(Validation.FIELD_EMAIL, Messages.MISSING_EMAIL));
        } else if (!validEmail()) {
            errors.add(new FormMessage(Validation.FIELD_EMAIL, Messages.INVALID_EMAIL));
        }
        if (password.isEmpty()) {
            errors.add(new FormMessage(Validation.FIELD_PASSWORD, Messages.MISSING_PASSWORD));
        } else if (!password.equals(passwordConfirm)) {
            errors.add(new FormMessage(Validation.FIELD_PASSWORD_CONFIRM, Messages.INVALID_PASSWORD_CONFIRM));
        }
        return errors;
    }

    private boolean validEmail() {
        return email.length() <= MAX_EMAIL_LENGTH
                && email.codePoints().noneMatch(Character::isISOControl)
                && Validation.isEmailValid(email);
    }

    private static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
