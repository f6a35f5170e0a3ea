package dev.gatehouse.metrics;

import dev.gatehouse.metrics.GatehouseMetrics.DeniedLogin;
import dev.gatehouse.metrics.GatehouseMetrics.SignupStage;
import java.util.Map;
import java.util.Optional;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Counts refused logins, signups and status changes from the events Keycloak and Gatehouse
 * already emit: {@code LOGIN_ERROR} by its error (and Gatehouse's {@code gatehouse_status} detail),
 * {@code REGISTER} and {@code VERIFY_EMAIL} of the signup steps, and the
 * Admin API's ban and termination admin events by their {@code gatehouseCount} detail.
 */
final class MetricsEventListener implements EventListenerProvider {

    /** Detail that Gatehouse's blocked-account page puts on its {@code user_disabled} error. */
    static final String STATUS_DETAIL = "gatehouse_status";

    static final String COUNT_DETAIL = "gatehouseCount";

    /** Details of the signup step's {@code REGISTER} and the confirmation link's {@code VERIFY_EMAIL}. */
    static final String SIGNUP_DETAIL = "gatehouse_signup";

    static final String CONFIRMATION_DETAIL = "gatehouse_confirmation";

    private static final Map<String, DeniedLogin> BY_ERROR = Map.ofEntries(
            Map.entry(Errors.INVALID_USER_CREDENTIALS, DeniedLogin.INVALID_CREDENTIALS),
            Map.entry(Errors.USER_NOT_FOUND, DeniedLogin.INVALID_CREDENTIALS),
            Map.entry(Errors.INVALID_USER, DeniedLogin.INVALID_CREDENTIALS),
            Map.entry(Errors.USER_TEMPORARILY_DISABLED, DeniedLogin.LOCKED_OUT),
            Map.entry("gatehouse_email_not_confirmed", DeniedLogin.EMAIL_NOT_CONFIRMED),
            Map.entry("gatehouse_central_login_required", DeniedLogin.CENTRAL_LOGIN_REQUIRED),
            Map.entry("gatehouse_central_link_refused", DeniedLogin.CENTRAL_LINK_REFUSED),
            Map.entry("gatehouse_store_unavailable", DeniedLogin.STORE_UNAVAILABLE));

    private final KeycloakSession session;
    private final GatehouseMetrics metrics;

    MetricsEventListener(KeycloakSession session, GatehouseMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == EventType.LOGIN_ERROR && event.getError() != null) {
            realmName(event.getRealmId())
                    .ifPresent(realm -> metrics.loginDenied(realm, reason(event.getError(), event.getDetails())));
        } else if (event.getError() == null) {
            signupStage(event.getType(), event.getDetails())
                    .ifPresent(stage -> realmName(event.getRealmId()).ifPresent(realm -> metrics.signup(realm, stage)));
        }
    }

    /** A pending signup reserved ({@code REGISTER}), or one confirmed by its link ({@code VERIFY_EMAIL}). */
    static Optional<SignupStage> signupStage(EventType type, Map<String, String> details) {
        if (details == null) {
            return Optional.empty();
        }
        if (type == EventType.REGISTER && "RESERVE".equals(details.get(SIGNUP_DETAIL))) {
            return Optional.of(SignupStage.PENDING);
        }
        if (type == EventType.VERIFY_EMAIL && "SIGNUP".equals(details.get(CONFIRMATION_DETAIL))) {
            return Optional.of(SignupStage.CONFIRMED);
        }
        return Optional.empty();
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.CUSTOM || event.getResourcePath() == null) {
            return;
        }
        String path = event.getResourcePath();
        String status = path.endsWith("/ban") ? "banned" : path.endsWith("/terminate") ? "terminated" : null;
        if (status != null && path.startsWith("gatehouse/accounts/")) {
            int count = count(event.getDetails());
            realmName(event.getRealmId()).ifPresent(realm -> metrics.accountsStatusChanged(realm, status, count));
        }
    }

    static DeniedLogin reason(String error, Map<String, String> details) {
        if (Errors.USER_DISABLED.equals(error) && details != null) {
            String status = details.get(STATUS_DETAIL);
            if ("terminated".equals(status)) {
                return DeniedLogin.TERMINATED;
            }
            if ("banned".equals(status)) {
                return DeniedLogin.BANNED;
            }
        }
        return BY_ERROR.getOrDefault(error, DeniedLogin.OTHER);
    }

    private static int count(Map<String, String> details) {
        if (details == null) {
            return 1;
        }
        try {
            return Integer.parseInt(details.getOrDefault(COUNT_DETAIL, "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private Optional<String> realmName(String realmId) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        return Optional.ofNullable(realm).map(RealmModel::getName);
    }

    @Override
    public void close() {}
}
