package dev.gatehouse.authenticators;

import dev.gatehouse.storage.ConfirmationToken;
import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.PendingSignupRepository;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.validation.Validation;

/**
 * {@code gatehouse-signup}: the registration flow's page. A valid signup becomes a pending signup
 * with a confirmation link, never a Keycloak user or an account (SPEC P2.1); a taken or banned
 * address gets the same "check your e-mail" page (issue 4 item 3). A taken username is a field
 * error, since usernames must be unique.
 */
final class SignupForm implements StatelessAuthenticator {

    static final String FORM = "gatehouse-signup.ftl";
    static final String SENT = "gatehouse-signup-sent.ftl";

    /** Auth note: the address of the signup this session submitted; the flow stays on "check your e-mail". */
    private static final String SUBMITTED = "GATEHOUSE_SIGNUP_SUBMITTED";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String submitted = context.getAuthenticationSession().getAuthNote(SUBMITTED);
        context.challenge(
                submitted != null
                        ? sent(context, submitted)
                        : form(context, SignupRequest.of(new MultivaluedHashMap<>()))
                                .createForm(FORM));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String submitted = context.getAuthenticationSession().getAuthNote(SUBMITTED);
        if (submitted != null) {
            context.forceChallenge(sent(context, submitted));
            return;
        }
        SignupRequest request = SignupRequest.of(context.getHttpRequest().getDecodedFormParameters());
        context.getEvent().detail(Details.USERNAME, request.username()).detail(Details.EMAIL, request.email());
        try {
            List<FormMessage> errors = errors(context.getSession(), request);
            if (!errors.isEmpty()) {
                reject(context, request, errors);
                return;
            }
            SignupDecision decision = signUp(context, request);
            if (decision == null) {
                reject(context, request, List.of(usernameTaken()));
                return;
            }
            context.getEvent()
                    .clone()
                    .detail("gatehouse_signup", decision.name())
                    .success();
            context.getAuthenticationSession().setAuthNote(SUBMITTED, request.email());
            context.forceChallenge(sent(context, request.email()));
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    /**
     * Reserves and sends the link, tells the owner, or does nothing, as the address calls for.
     *
     * @return what was done, or null when a concurrent signup took the username first
     */
    private static SignupDecision signUp(AuthenticationFlowContext context, SignupRequest request) {
        KeycloakSession session = context.getSession();
        AccountRepository accounts = GatehouseAccounts.repository(session);
        PendingSignupRepository signups = GatehouseAccounts.pendingSignups(session);
        // Every valid signup pays for the hash, so that the answer's timing does not depend on the address.
        String hash = GatehouseAccounts.hasher(context.getRealm()).hash(request.password());
        SignupDecision decision = SignupDecision.of(
                accounts.emailBanned(request.email()),
                // An address that is someone's username is in use too: identifiers never collide (SPEC P4.2).
                accounts.emailInUse(request.email())
                        || signups.addressReserved(request.email())
                        || accounts.addressIsUsername(request.email()));
        ConfirmationMail mail = new ConfirmationMail(session, context.getRealm());
        switch (decision) {
            case RESERVE -> {
                int expiry = mail.linkExpiry();
                Optional<UUID> id =
                        signups.reserve(request.username(), request.email(), hash, Instant.ofEpochSecond(expiry));
                if (id.isEmpty()) {
                    return null;
                }
                mail.sendLink(ConfirmationToken.Kind.SIGNUP, id.get(), request.username(), request.email(), expiry);
            }
            case NOTIFY_OWNER -> mail.sendAddressTaken(request.email());
            case IGNORE -> {
                // A banned address gets nothing that lets it in (SPEC P7.2).
            }
        }
        return decision;
    }

    private static List<FormMessage> errors(KeycloakSession session, SignupRequest request) {
        List<FormMessage> errors = new ArrayList<>(request.fieldErrors());
        boolean usernameOk = errors.stream().noneMatch(error -> Validation.FIELD_USERNAME.equals(error.getField()));
        if (usernameOk && GatehouseAccounts.repository(session).usernameTaken(request.username())) {
            errors.add(0, usernameTaken());
        }
        if (!request.password().isEmpty()) {
            PolicyError policy = session.getProvider(PasswordPolicyManagerProvider.class)
                    .validate(request.username(), request.password());
            if (policy != null) {
                errors.add(new FormMessage(Validation.FIELD_PASSWORD, policy.getMessage(), policy.getParameters()));
            }
        }
        return errors;
    }

    private static FormMessage usernameTaken() {
        return new FormMessage(Validation.FIELD_USERNAME, SignupRequest.USERNAME_TAKEN);
    }

    private static void reject(AuthenticationFlowContext context, SignupRequest request, List<FormMessage> errors) {
        context.getEvent().error(Errors.INVALID_REGISTRATION);
        LoginFormsProvider form = form(context, request).setStatus(Response.Status.BAD_REQUEST);
        errors.forEach(form::addError);
        context.forceChallenge(form.createForm(FORM));
    }

    /** The form, filled in again with what was typed, passwords excepted. */
    private static LoginFormsProvider form(AuthenticationFlowContext context, SignupRequest request) {
        return context.form()
                .setAttribute("signupUsername", request.username())
                .setAttribute("signupEmail", request.email());
    }

    private static Response sent(AuthenticationFlowContext context, String email) {
        return context.form().setAttribute("signupEmail", email).createForm(SENT);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
