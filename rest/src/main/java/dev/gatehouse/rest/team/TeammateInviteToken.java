package dev.gatehouse.rest.team;

import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * The link of a teammate invitation: a Keycloak action token, signed with the realm's keys, whose
 * subject is the invitation's row. It is single use through the store: accepting fills the row's
 * member, so a second use finds the invitation taken. Like the confirmation link, it is verified
 * by Gatehouse's own page: the invitee may have no account yet when it is sent.
 */
public final class TeammateInviteToken extends DefaultActionToken {

    static final String TOKEN_TYPE = "gatehouse-teammate-invite";

    /** How long an invitation link works. */
    static final int LIFETIME_SECONDS = 7 * 24 * 3600;

    /** For Jackson, which reads a token back from its JSON. */
    public TeammateInviteToken() {}

    TeammateInviteToken(UUID invitation, String email, int expiresAt) {
        super(invitation.toString(), TOKEN_TYPE, expiresAt, UUID.randomUUID());
        setEmail(email);
    }

    /** The token a link carries, if it is one of these and the realm signed it; its expiry is not checked. */
    static Optional<TeammateInviteToken> read(KeycloakSession session, RealmModel realm, String key) {
        TeammateInviteToken token = key == null ? null : session.tokens().decode(key, TeammateInviteToken.class);
        if (token == null
                || !TOKEN_TYPE.equals(token.getActionId())
                || !Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName())
                        .equals(token.getIssuer())
                || token.invitation().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    Optional<UUID> invitation() {
        try {
            return Optional.of(UUID.fromString(getUserId()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
