package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.CentralIdentity;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-link-guard}: checks every new link to the central identity provider, whichever
 * path made it, against the rules of the first broker login ({@link CentralLinkDecision}), and
 * removes a link that breaks them in the transaction that made it (SPEC S5). Keycloak links
 * identities without running any authentication flow when the account console links one
 * ({@code FEDERATED_IDENTITY_LINK} event) and when the Admin API does
 * ({@code POST users/{id}/federated-identity/{alias}}, a {@code CREATE} admin event); both events are
 * sent in the request's transaction, before its answer.
 */
final class CentralLinkGuard implements EventListenerProvider {

    static final String ERROR = "gatehouse_central_link_refused";
    static final String DETAIL_REASON = "gatehouse_reason";

    private static final Pattern ADMIN_LINK = Pattern.compile("users/([^/]+)/federated-identity/([^/]+)");
    private static final Logger LOG = Logger.getLogger(CentralLinkGuard.class);

    private final KeycloakSession session;

    CentralLinkGuard(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.FEDERATED_IDENTITY_LINK || event.getError() != null) {
            return;
        }
        String alias = event.getDetails() == null ? null : event.getDetails().get(Details.IDENTITY_PROVIDER);
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (alias == null || realm == null || event.getUserId() == null) {
            return;
        }
        check(realm, event.getUserId(), alias, false);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != OperationType.CREATE || event.getResourcePath() == null) {
            return;
        }
        Matcher link = ADMIN_LINK.matcher(event.getResourcePath());
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (link.matches() && realm != null) {
            check(realm, link.group(1), link.group(2), true);
        }
    }

    private void check(RealmModel realm, String userId, String alias, boolean byAdmin) {
        if (!alias.equals(CentralIdentity.of(realm).alias())) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        FederatedIdentityModel link = user == null ? null : session.users().getFederatedIdentity(realm, user, alias);
        if (link == null) {
            return;
        }
        CentralLinkDecision decision = decide(realm, user, link, byAdmin);
        if (!decision.refused()) {
            return;
        }
        session.users().removeFederatedIdentity(realm, user, alias);
        LOG.infof(
                "Removed the link of user %s to %s made through %s: %s",
                user.getId(), alias, byAdmin ? "the Admin API" : "account linking", decision);
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.FEDERATED_IDENTITY_LINK_ERROR)
                .user(user)
                .detail(Details.IDENTITY_PROVIDER, alias)
                .detail(Details.IDENTITY_PROVIDER_USERNAME, link.getUserName())
                .detail(DETAIL_REASON, decision.name())
                .error(ERROR);
    }

    private CentralLinkDecision decide(RealmModel realm, UserModel user, FederatedIdentityModel link, boolean byAdmin) {
        Optional<CentralLinkFacts> facts = CentralLinkFacts.of(session, link.getIdentityProvider(), link.getUserId());
        // An administrator's link carries no central assertion; an account console link without one
        // (the mapper missing from the provider) is not vouched for.
        Optional<Boolean> centralVerified = byAdmin
                ? Optional.empty()
                : Optional.of(facts.map(CentralLinkFacts::emailVerified).orElse(false));
        return CentralLinkRules.decide(
                session,
                realm,
                user,
                link.getUserId(),
                link.getUserName(),
                facts.map(CentralLinkFacts::email),
                centralVerified);
    }

    @Override
    public void close() {}
}
