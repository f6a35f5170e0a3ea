package dev.gatehouse.rest.team;

import dev.gatehouse.domain.Teammate;
import dev.gatehouse.support.MailQueue;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The e-mail of a teammate invitation (SPEC P8.1), in the realm's e-mail theme: who invited, to
 * which account and level, and the link that accepts, valid {@link TeammateInviteToken#LIFETIME_SECONDS}.
 */
final class TeammateInviteMail {

    static final String SUBJECT = "gatehouse.teammateInviteSubject";
    static final String TEMPLATE = "gatehouse-teammate-invite.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;

    TeammateInviteMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Queues the invitation for after the commit ({@link MailQueue}); a failed send is logged, and
     * the owner may invite again after removing it.
     */
    void send(Teammate invitation, String teamName) {
        String key = new TeammateInviteToken(
                        invitation.id(),
                        invitation.inviteEmail(),
                        Time.currentTime() + TeammateInviteToken.LIFETIME_SECONDS)
                .serialize(session, realm, session.getContext().getUri());
        Map<String, Object> attributes = MailQueue.attributes();
        attributes.put("teamName", teamName);
        attributes.put("invitedBy", invitation.invitedBy());
        attributes.put("level", invitation.level().value());
        attributes.put("link", TeammateInviteResource.url(session, realm, key));
        attributes.put("linkDays", TeammateInviteToken.LIFETIME_SECONDS / (24 * 3600));
        MailQueue.afterCommit(
                session, realm, invitation.inviteEmail(), invitation.inviteEmail(), SUBJECT, TEMPLATE, attributes);
    }
}
