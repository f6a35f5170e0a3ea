package dev.gatehouse.rest.pages;

import dev.gatehouse.domain.Account;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.support.ConfirmationToken;
import dev.gatehouse.support.RealmUrls;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.storage.StorageId;

/**
 * {@code /realms/{realm}/gatehouse/confirm-email?key=…}: where the link of a confirmation e-mail
 * leads (SPEC P2.2). The link shows a page with one button; its POST makes a pending signup its
 * account (active, address confirmed), or marks an account's address confirmed. A link used before, an expired link and a link that is
 * not one each get their own page, and change nothing.
 */
public final class ConfirmEmailResource {

    static final String CONFIRM = "gatehouse-confirm-email.ftl";
    static final String CONFIRMED = "gatehouse-email-confirmed.ftl";
    static final String FAILED = "gatehouse-confirmation-failed.ftl";

    /** Why a link confirmed nothing; the page's message is {@code gatehouse.confirmation.<reason>}. */
    enum Failure {
        USED(Response.Status.CONFLICT, "gatehouse_link_used"),
        EXPIRED(Response.Status.GONE, Errors.EXPIRED_CODE),
        INVALID(Response.Status.BAD_REQUEST, Errors.INVALID_CODE);

        final Response.Status status;
        final String eventError;

        Failure(Response.Status status, String eventError) {
            this.status = status;
            this.eventError = eventError;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EventBuilder event;

    public ConfirmEmailResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.event =
                new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.VERIFY_EMAIL);
    }

    /**
     * Following the link shows one button and changes nothing, so that a mail scanner fetching
     * links confirms nothing (SPEC P2.2); a link that can no longer confirm gets its page at once.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("key") String key) {
        Optional<ConfirmationToken> read = ConfirmationToken.read(session, realm, key);
        if (read.isEmpty()) {
            return failed(Failure.INVALID, null);
        }
        ConfirmationToken token = read.get();
        ConfirmationToken.Kind kind = token.kind().orElseThrow();
        UUID id = token.subject().orElseThrow();
        if (token.isExpired()) {
            return failed(Failure.EXPIRED, kind);
        }
        return StoreGuard.call(() -> {
            boolean open = kind == ConfirmationToken.Kind.SIGNUP
                    ? GatehouseAccounts.pendingSignups(session).findLive(id).isPresent()
                    : GatehouseAccounts.repository(session)
                            .findById(id)
                            .filter(account -> !account.emailConfirmed()
                                    && token.getEmail().equals(account.email()))
                            .isPresent();
            if (!open) {
                return failed(
                        failure(kind, GatehouseAccounts.repository(session).findById(id)), kind);
            }
            // The key is the form's only secret and its CSRF protection: it reached the address's
            // owner alone, and a page from elsewhere cannot post a key it does not know.
            return session.getProvider(LoginFormsProvider.class)
                    .setAttribute(
                            "confirmAction",
                            RealmUrls.gatehouse(session, realm, "confirm-email")
                                    .build()
                                    .toString())
                    .setAttribute("confirmKey", key)
                    .setAttribute("accountCreated", kind == ConfirmationToken.Kind.SIGNUP)
                    .createForm(CONFIRM);
        });
    }

    /** The button's POST: a pending signup becomes its account, or an account's address is confirmed. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@FormParam("key") String key) {
        Optional<ConfirmationToken> read = ConfirmationToken.read(session, realm, key);
        if (read.isEmpty()) {
            return failed(Failure.INVALID, null);
        }
        ConfirmationToken token = read.get();
        ConfirmationToken.Kind kind = token.kind().orElseThrow();
        UUID id = token.subject().orElseThrow();
        event.detail(Details.EMAIL, token.getEmail()).detail("gatehouse_confirmation", kind.name());
        if (token.isExpired()) {
            return failed(Failure.EXPIRED, kind);
        }
        return StoreGuard.call(() -> {
            AccountRepository accounts = GatehouseAccounts.repository(session);
            boolean changed = kind == ConfirmationToken.Kind.SIGNUP
                    ? GatehouseAccounts.pendingSignups(session).confirm(id).isPresent()
                    : accounts.confirmEmail(id, token.getEmail());
            Optional<Account> account = accounts.findById(id);
            if (changed && account.isPresent()) {
                if (kind == ConfirmationToken.Kind.ACCOUNT) {
                    // Keycloak's cached copy still says unconfirmed, and would keep the gate shut.
                    GatehouseAccounts.user(session, realm, id)
                            .ifPresent(user -> GatehouseAccounts.evict(session, realm, user));
                }
                return confirmed(kind, account.get());
            }
            return failed(failure(kind, account), kind);
        });
    }

    /**
     * Why nothing changed: an account of the link's id with its address confirmed means the link
     * was used; a signup gone without one has expired and been purged.
     */
    private static Failure failure(ConfirmationToken.Kind kind, Optional<Account> account) {
        if (account.filter(Account::emailConfirmed).isPresent()) {
            return Failure.USED;
        }
        return kind == ConfirmationToken.Kind.SIGNUP ? Failure.EXPIRED : Failure.INVALID;
    }

    private Response confirmed(ConfirmationToken.Kind kind, Account account) {
        GatehouseAccounts.component(realm)
                .ifPresent(component ->
                        event.user(new StorageId(component.getId(), account.id().toString()).getId()));
        event.success();
        return session.getProvider(LoginFormsProvider.class)
                .setAttribute("confirmedUsername", account.username())
                .setAttribute("accountCreated", kind == ConfirmationToken.Kind.SIGNUP)
                .setAttribute("loginUrl", RealmUrls.viaAccountConsole(session, realm, "auth"))
                .createForm(CONFIRMED);
    }

    private Response failed(Failure failure, ConfirmationToken.Kind kind) {
        event.error(failure.eventError);
        return session.getProvider(LoginFormsProvider.class)
                .setStatus(failure.status)
                .setAttribute("confirmationFailure", failure.name().toLowerCase())
                .setAttribute("signupLink", kind != ConfirmationToken.Kind.ACCOUNT)
                .setAttribute("loginUrl", RealmUrls.viaAccountConsole(session, realm, "auth"))
                .setAttribute("signupUrl", RealmUrls.viaAccountConsole(session, realm, "registrations"))
                .createForm(FAILED);
    }
}
