package dev.gatehouse.rest.team;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.domain.Teammate;
import dev.gatehouse.domain.TeammateAcceptance;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.TeammateRepository;
import dev.gatehouse.support.RealmUrls;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * {@code /realms/{realm}/gatehouse/teammates/accept?key=…}: where the link of a teammate
 * invitation leads (SPEC P8.1). Without a login session in the browser, the page offers to log in
 * or sign up through the {@value #CLIENT_ID} client, which comes back here; with one, it shows
 * whom the invitation is from and a button that accepts it (a POST, so that a mail scanner
 * following the link accepts nothing). Accepting needs the invited address, confirmed, on the
 * logged-in account; {@link AccountPolicy#teammateAcceptance} decides the rest.
 */
public final class TeammateInviteResource {

    /** The realm export's public client whose redirect URIs lead back to this page. */
    static final String CLIENT_ID = "gatehouse-teammates";

    static final String TEMPLATE = "gatehouse-teammate-invite.ftl";

    private static final AccountPolicy POLICY = new AccountPolicy();

    /** What the page shows; the failures' messages are {@code gatehouse.teammateInvite.<state>.body}. */
    enum State {
        LOGIN(Response.Status.OK, "login"),
        CONFIRM(Response.Status.OK, "confirm"),
        ACCEPTED(Response.Status.OK, "accepted"),
        INVALID(Response.Status.BAD_REQUEST, "invalid"),
        EXPIRED(Response.Status.GONE, "expired"),
        USED(Response.Status.CONFLICT, "used"),
        WITHDRAWN(Response.Status.GONE, "withdrawn"),
        OTHER_ADDRESS(Response.Status.CONFLICT, "otherAddress"),
        OWN_ACCOUNT(Response.Status.CONFLICT, "ownAccount"),
        ALREADY_TEAMMATE(Response.Status.CONFLICT, "alreadyTeammate"),
        HAS_MEMBERS(Response.Status.CONFLICT, "hasMembers"),
        INACTIVE(Response.Status.CONFLICT, "inactive");

        final Response.Status status;
        final String name;

        State(Response.Status status, String name) {
            this.status = status;
            this.name = name;
        }

        static State of(TeammateAcceptance refusal) {
            return switch (refusal) {
                case REFUSE_OTHER_ADDRESS -> OTHER_ADDRESS;
                case REFUSE_OWN_ACCOUNT -> OWN_ACCOUNT;
                case REFUSE_ALREADY_TEAMMATE -> ALREADY_TEAMMATE;
                case REFUSE_HAS_MEMBERS -> HAS_MEMBERS;
                case REFUSE_INACTIVE -> INACTIVE;
                case APPLY -> ACCEPTED;
            };
        }
    }

    /** An invitation the link names, still open, with its team's account. */
    private record Open(String key, Teammate invitation, Account team) {}

    private final KeycloakSession session;
    private final RealmModel realm;

    public TeammateInviteResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The link an invitation e-mail carries. */
    static String url(KeycloakSession session, RealmModel realm, String key) {
        return page(session, realm).queryParam("key", key).build().toString();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("key") String key) {
        return StoreGuard.call(() -> {
            Open open;
            try {
                open = open(key);
            } catch (Refused refused) {
                return page(refused.state, null, null);
            }
            AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            if (auth == null) {
                return page(State.LOGIN, open, null);
            }
            // Logged in, but not as a store account: it has no address the invitation could match.
            return invitee(auth)
                    .map(invitee -> page(State.CONFIRM, open, invitee))
                    .orElseGet(() -> page(State.OTHER_ADDRESS, open, null));
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response accept(@FormParam("key") String key) {
        return StoreGuard.call(() -> {
            Open open;
            try {
                open = open(key);
            } catch (Refused refused) {
                return page(refused.state, null, null);
            }
            AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            Optional<Account> invitee = auth == null ? Optional.empty() : invitee(auth);
            if (invitee.isEmpty()) {
                return page(State.LOGIN, open, null);
            }
            return accept(open, invitee.get());
        });
    }

    private Response accept(Open open, Account invitee) {
        TeammateRepository teammates = GatehouseAccounts.teammates(session);
        boolean hasMembers = teammates.hasTeam(invitee.id()) || teammates.hasSubUsers(invitee.id());
        TeammateAcceptance decision = POLICY.teammateAcceptance(
                invitee, open.team(), Identifiers.key(open.invitation().inviteEmail()), hasMembers);
        if (decision.refused()) {
            return page(State.of(decision), open, invitee);
        }
        if (!teammates.accept(open.invitation().id(), invitee.id())) {
            return page(State.USED, open, invitee);
        }
        GatehouseAccounts.activity(session)
                .recordForTeam(
                        open.team().id(),
                        invitee.id(),
                        invitee.username(),
                        TeammateManagement.JOINED,
                        open.invitation().level().value());
        // Its cached user still has no team: evicted, its next token reads the membership.
        GatehouseAccounts.user(session, realm, invitee.id())
                .ifPresent(user -> GatehouseAccounts.evict(session, realm, user));
        return page(State.ACCEPTED, open, invitee);
    }

    /** A refusal of the link itself, before anyone's account is looked at. */
    private static final class Refused extends Exception {
        final State state;

        Refused(State state) {
            super(state.name, null, false, false);
            this.state = state;
        }
    }

    private Open open(String key) throws Refused {
        TeammateInviteToken token =
                TeammateInviteToken.read(session, realm, key).orElseThrow(() -> new Refused(State.INVALID));
        if (token.isExpired()) {
            throw new Refused(State.EXPIRED);
        }
        UUID id = token.invitation().orElseThrow();
        Teammate invitation =
                GatehouseAccounts.teammates(session).find(id).orElseThrow(() -> new Refused(State.WITHDRAWN));
        if (invitation.accepted()) {
            throw new Refused(State.USED);
        }
        Account team = GatehouseAccounts.repository(session)
                .findById(invitation.accountId())
                .orElseThrow(() -> new Refused(State.WITHDRAWN));
        return new Open(key, invitation, team);
    }

    private Optional<Account> invitee(AuthResult auth) {
        AccountRepository accounts = GatehouseAccounts.repository(session);
        return GatehouseAccounts.accountId(realm, auth.user()).flatMap(accounts::findById);
    }

    private Response page(State state, Open open, Account invitee) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setStatus(state.status)
                .setAttribute("inviteState", state.name);
        if (open != null) {
            String back = url(session, realm, open.key());
            form.setAttribute("teamName", open.team().username())
                    .setAttribute("level", open.invitation().level().value())
                    .setAttribute("inviteEmail", open.invitation().inviteEmail())
                    .setAttribute("key", open.key())
                    .setAttribute("acceptUrl", page(session, realm).build().toString())
                    .setAttribute("loginUrl", oidc("auth", back))
                    .setAttribute("signupUrl", oidc("registrations", back));
        }
        if (invitee != null) {
            form.setAttribute("username", invitee.username());
        }
        return form.createForm(TEMPLATE);
    }

    private static UriBuilder page(KeycloakSession session, RealmModel realm) {
        return RealmUrls.gatehouse(session, realm, "teammates/accept");
    }

    private String oidc(String endpoint, String redirectUri) {
        return RealmUrls.oidc(session, realm, endpoint, CLIENT_ID, redirectUri)
                .build()
                .toString();
    }
}
