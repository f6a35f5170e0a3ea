package dev.gatehouse.authenticators.signup;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.authenticators.StoreOutage;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.PendingSignupRepository;
import dev.gatehouse.support.ConfirmationToken;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RequestLimits;
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
 * with a confirmation link, never a Keycloak user or an account (SPEC P2.1). A free, taken or
 * banned address and a taken username all get the same "check your e-mail" page in the same time
 * (SPEC P2.6); what happened reaches the address's owner by e-mail.
 */
final class SignupForm implements StatelessAuthenticator {

    static final String FORM = "gatehouse-signup.ftl";
    static final String SENT = "gatehouse-signup-sent.ftl";

    static final String TOO_MANY = "gatehouse.signupTooMany";

    /**
     * Realm attributes {@code gatehouseSignupLimit} (per address, default 3),
     * {@code gatehouseSignupIpLimit} (per client IP, default 20) and
     * {@code gatehouseSignupWindowSeconds} (default 3600) limit signups (SPEC P2.6, S3).
     */

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
        List<FormMessage> errors = errors(context.getSession(), request);
        if (!errors.isEmpty()) {
            context.getEvent().detail(Details.USERNAME, request.username()).detail(Details.EMAIL, request.email());
            reject(context, request, errors);
            return;
        }
        if (!new RequestLimits(context.getSession(), context.getRealm(), RealmAttributes.SIGNUP_LIMITS)
                .allow(Identifiers.key(request.email()), RequestLimits.clientIp(context.getSession()))) {
            // No event: a refused request stores nothing (SPEC S3); the page says the same for any address.
            context.forceChallenge(form(context, request)
                    .setStatus(Response.Status.TOO_MANY_REQUESTS)
                    .setError(TOO_MANY)
                    .createForm(FORM));
            return;
        }
        context.getEvent().detail(Details.USERNAME, request.username()).detail(Details.EMAIL, request.email());
        try {
            SignupDecision decision = signUp(context, request);
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
     * Reserves and sends the link, tells the address's owner what happened, or does nothing, as
     * the address and username call for; the answer is the same page whatever it was (SPEC P2.6),
     * and the e-mails leave after the commit, off the request thread.
     */
    private static SignupDecision signUp(AuthenticationFlowContext context, SignupRequest request) {
        KeycloakSession session = context.getSession();
        AccountRepository accounts = GatehouseAccounts.repository(session);
        PendingSignupRepository signups = GatehouseAccounts.pendingSignups(session);
        // Every signup pays for one hash, whatever follows, so that neither the time nor the
        // hash count tells a free address from a taken or banned one.
        String hash = GatehouseAccounts.hasher(context.getRealm()).hash(request.password());
        AccountRepository.SignupObstacles obstacles = accounts.signupObstacles(request.email(), request.username());
        SignupDecision decision =
                SignupDecision.of(obstacles.addressBanned(), obstacles.addressInUse(), obstacles.usernameTaken());
        ConfirmationMail mail = new ConfirmationMail(session, context.getRealm());
        int expiry = mail.linkExpiry();
        if (decision == SignupDecision.RESERVE) {
            Optional<UUID> id =
                    signups.reserve(request.username(), request.email(), hash, Instant.ofEpochSecond(expiry));
            if (id.isEmpty()) {
                // A concurrent signup took the username first.
                decision = SignupDecision.USERNAME_TAKEN;
            } else {
                mail.sendLink(ConfirmationToken.Kind.SIGNUP, id.get(), request.username(), request.email(), expiry);
                return decision;
            }
        }
        // A refused signup writes its one row too: a free address's INSERT and commit cost what this does.
        signups.recordRefused(request.email(), decision.refusal(), Instant.ofEpochSecond(expiry));
        switch (decision) {
            case NOTIFY_OWNER -> mail.sendAddressTaken(request.email());
            case USERNAME_TAKEN -> mail.sendUsernameTaken(request.username(), request.email());
            default -> {
                // A banned address gets nothing that lets it in (SPEC P7.2).
            }
        }
        return decision;
    }

    /** What is wrong with the form on its face; whether a username or address is taken is never said here. */
    private static List<FormMessage> errors(KeycloakSession session, SignupRequest request) {
        List<FormMessage> errors = new ArrayList<>(request.fieldErrors());
        if (!request.password().isEmpty()) {
            PolicyError policy = session.getProvider(PasswordPolicyManagerProvider.class)
                    .validate(request.username(), request.password());
            if (policy != null) {
                errors.add(new FormMessage(Validation.FIELD_PASSWORD, policy.getMessage(), policy.getParameters()));
            }
        }
        return errors;
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
