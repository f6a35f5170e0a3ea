package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.StoreOutage;
import dev.gatehouse.domain.Account;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.ExistingUserInfo;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-central-account}: the first step of the first broker login. Finds or creates the
 * store account of a central identity, or hands an e-mail match to the password confirmation that
 * follows it in the flow.
 */
final class CentralAccount extends BrokerLoginStep {

    /** User attribute the identity provider's mapper fills from the central {@code email_verified} claim. */
    static final String CENTRAL_EMAIL_VERIFIED = "gatehouseCentralEmailVerified";

    static final String REFUSED = "gatehouse.centralLoginRefused";
    static final String REFUSED_UNVERIFIED = "gatehouse.centralLinkUnverified";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void authenticateImpl(
            AuthenticationFlowContext context,
            SerializedBrokeredIdentityContext serializedCtx,
            BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        try {
            AccountRepository accounts = GatehouseAccounts.repository(session);
            String email = brokerContext.getEmail();
            boolean verified = Boolean.parseBoolean(brokerContext.getUserAttribute(CENTRAL_EMAIL_VERIFIED));
            Optional<Account> bySubject = accounts.findByCentralSubject(brokerContext.getId());
            Optional<Account> byUsername = email == null ? Optional.empty() : accounts.findByUsername(email);
            Optional<Account> byEmail = email == null ? Optional.empty() : accounts.findByUniqueEmail(email);
            boolean banned = email != null && accounts.emailBanned(email);
            switch (CentralMatch.of(bySubject, banned, byUsername, byEmail, verified)) {
                case RECORDED_LINK -> loginAs(context, bySubject.get().id());
                case CONFIRM_WITH_PASSWORD ->
                    confirmExisting(context, byUsername.or(() -> byEmail).orElseThrow(), byUsername.isPresent(), email);
                case REFUSE_UNVERIFIED -> refuse(context, REFUSED_UNVERIFIED);
                case REFUSE -> refuse(context, REFUSED);
                case CREATE -> {
                    UUID id = accounts.createCentralAccount(
                            freeUsername(accounts, brokerContext), email, verified, brokerContext.getId());
                    context.getAuthenticationSession()
                            .setAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER, "true");
                    loginAs(context, id);
                }
            }
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    /** Hands the account to the next step, which asks for its legacy password before the link. */
    private static void confirmExisting(
            AuthenticationFlowContext context, Account account, boolean byUsername, String email) {
        UserModel existing = GatehouseAccounts.user(context.getSession(), context.getRealm(), account.id())
                .orElseThrow();
        context.getAuthenticationSession()
                .setAuthNote(
                        EXISTING_USER_INFO,
                        new ExistingUserInfo(existing.getId(), byUsername ? "username" : "email", email).serialize());
        context.attempted();
    }

    private static void loginAs(AuthenticationFlowContext context, UUID accountId) {
        context.setUser(GatehouseAccounts.user(context.getSession(), context.getRealm(), accountId)
                .orElseThrow());
        context.success();
    }

    private static void refuse(AuthenticationFlowContext context, String message) {
        context.getEvent().error("gatehouse_central_link_refused");
        Response page = context.form().setError(message).createErrorPage(Response.Status.FORBIDDEN);
        context.forceChallenge(page);
    }

    /** The central username, or a variant of it when a store account or pending signup has it. */
    private static String freeUsername(AccountRepository accounts, BrokeredIdentityContext brokerContext) {
        String wanted = brokerContext.getUsername() != null
                ? brokerContext.getUsername()
                : brokerContext.getEmail() != null ? brokerContext.getEmail() : brokerContext.getId();
        String candidate = wanted;
        while (accounts.usernameTaken(candidate)) {
            candidate = wanted + "-" + (1000 + RANDOM.nextInt(9000));
        }
        return candidate;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
