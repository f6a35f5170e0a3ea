package dev.gatehouse.authenticators.broker;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * What the central identity provider asserted while a link was being made: its subject, e-mail
 * address and whether it verified that address. {@link CentralLinkFactsMapper} keeps it in the
 * Keycloak session of the request, for {@link CentralLinkGuard} to read when the link event fires.
 */
record CentralLinkFacts(String alias, String subject, String email, boolean emailVerified) {

    private static final String ATTRIBUTE = CentralLinkFacts.class.getName();

    void keep(KeycloakSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** The facts of this request's assertion by that provider, for that subject. */
    static Optional<CentralLinkFacts> of(KeycloakSession session, String alias, String subject) {
        return Optional.ofNullable(session.getAttribute(ATTRIBUTE, CentralLinkFacts.class))
                .filter(facts -> facts.alias().equals(alias) && facts.subject().equals(subject));
    }
}
