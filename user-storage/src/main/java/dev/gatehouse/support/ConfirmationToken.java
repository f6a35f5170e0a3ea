package dev.gatehouse.support;

import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * The link of a confirmation e-mail: a Keycloak action token, signed with the realm's keys, whose
 * subject is a pending signup (which becomes the account of the same id) or an account whose
 * address is unconfirmed. It is single use through the store: confirming moves the row, so a
 * second use finds nothing to do.
 *
 * <p>Keycloak's own action-token endpoint insists on an existing, enabled Keycloak user before it
 * hands a token to its handler (LoginActionsServiceChecks.checkIsUserValid), and a pending signup
 * has none by design; Gatehouse's confirmation endpoint verifies the token the same way instead.
 */
public final class ConfirmationToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "gatehouse-confirm-email";
    private static final String KIND_CLAIM = "gatehouseKind";

    /** What following the link confirms. */
    public enum Kind {
        /** A pending signup: the account is created. */
        SIGNUP,
        /** An existing account's address. */
        ACCOUNT
    }

    /** For Jackson, which reads a token back from its JSON. */
    public ConfirmationToken() {}

    public ConfirmationToken(UUID subject, Kind kind, String email, int expiresAt) {
        super(subject.toString(), TOKEN_TYPE, expiresAt, UUID.randomUUID());
        setEmail(email);
        setNote(KIND_CLAIM, kind.name());
    }

    /** The token a link carries, if it is one of these and the realm signed it; its expiry is not checked. */
    public static Optional<ConfirmationToken> read(KeycloakSession session, RealmModel realm, String key) {
        ConfirmationToken token = key == null ? null : session.tokens().decode(key, ConfirmationToken.class);
        if (token == null
                || !TOKEN_TYPE.equals(token.getActionId())
                || !Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName())
                        .equals(token.getIssuer())
                || token.kind().isEmpty()
                || token.subject().isEmpty()
                || token.getEmail() == null) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    public Optional<Kind> kind() {
        String kind = getNote(KIND_CLAIM);
        try {
            return kind == null ? Optional.empty() : Optional.of(Kind.valueOf(kind));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The pending signup's or the account's id. */
    public Optional<UUID> subject() {
        try {
            return Optional.of(UUID.fromString(getUserId()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
