package dev.gatehouse.support;

import java.util.UUID;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * An e-mailed action token's issuer, taken in the request, for a signature made later in the
 * session that sends the e-mail ({@link MailQueue}): a request that e-mails a link then costs what
 * one that e-mails nothing costs, since signing is the dearest part of building the link (SPEC S1).
 * The token comes out as {@link DefaultActionToken#serialize} makes it: a fresh id, issued now, the
 * realm's issuer on the configured hostname as issuer and audience, signed with the realm's keys.
 */
public record DeferredSignature(String issuer) {

    public static DeferredSignature of(KeycloakSession session, RealmModel realm) {
        return new DeferredSignature(
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
    }

    /** Signs the token in {@code sending}, whose context's realm is the token's. */
    public String sign(KeycloakSession sending, DefaultActionToken token) {
        if (token.getId() == null) {
            token.id(UUID.randomUUID().toString());
        }
        token.issuedNow();
        token.issuer(issuer);
        token.audience(issuer);
        return sending.tokens().encode(token);
    }
}
