package dev.gatehouse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gatehouse's counters. They live in Micrometer's global registry, which Keycloak exports on its
 * management interface ({@code /metrics}) when started with {@code --metrics-enabled=true}; without
 * it they cost a map lookup and go nowhere. Every counter is tagged with the realm's name.
 *
 * <p>Prometheus names: {@code gatehouse_logins_denied_total{reason}},
 * {@code gatehouse_unified_redirects_total}, {@code gatehouse_signups_total{stage}},
 * {@code gatehouse_api_key_checks_total{result}}, {@code gatehouse_accounts_status_changed_total{status}},
 * {@code gatehouse_password_hashes_total{kind}}, {@code gatehouse_keycloak_password_hashes_total{kind}}.
 */
public final class GatehouseMetrics {

    /** Why a login was refused, as the {@code reason} tag says it. */
    public enum DeniedLogin {
        INVALID_CREDENTIALS,
        LOCKED_OUT,
        EMAIL_NOT_CONFIRMED,
        TERMINATED,
        BANNED,
        CENTRAL_LOGIN_REQUIRED,
        CENTRAL_LINK_REFUSED,
        STORE_UNAVAILABLE,
        OTHER;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Which bcrypt computation a request paid: a new hash, a check of a stored one, or the dummy. */
    public enum PasswordHash {
        HASH,
        VERIFY,
        DUMMY
    }

    /** What an API-key check answered: 200, 401 or 403. */
    public enum ApiKeyResult {
        OK,
        FAILED,
        FORBIDDEN
    }

    /** Where a signup is: a pending row was created, or its link was followed. */
    public enum SignupStage {
        PENDING,
        CONFIRMED
    }

    /** First part of every meter name (Prometheus: {@code gatehouse_…}). */
    private static final String NAMESPACE = "gatehouse";

    private static final GatehouseMetrics GLOBAL = new GatehouseMetrics(Metrics.globalRegistry);

    private final MeterRegistry registry;
    private final Map<String, Counter> apiKeyCounters = new ConcurrentHashMap<>();

    GatehouseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counters Keycloak exports. */
    public static GatehouseMetrics global() {
        return GLOBAL;
    }

    public void loginDenied(String realm, DeniedLogin reason) {
        counter(NAMESPACE + ".logins.denied", "Logins refused, by reason", realm, "reason", reason.tag())
                .increment();
    }

    public void unifiedRedirect(String realm) {
        Counter.builder(NAMESPACE + ".unified.redirects")
                .description("Identifiers sent to the central identity provider")
                .tag("realm", realm)
                .register(registry)
                .increment();
    }

    public void signup(String realm, SignupStage stage) {
        counter(NAMESPACE + ".signups", "Signups, pending and confirmed", realm, "stage", tag(stage))
                .increment();
    }

    public void apiKeyCheck(String realm, ApiKeyResult result) {
        // The check is the hottest path there is: its counters are found once, not built per request.
        apiKeyCounters
                .computeIfAbsent(
                        realm + '\n' + result.name(),
                        key -> counter(
                                NAMESPACE + ".api.key.checks",
                                "Legacy API-key checks, by answer",
                                realm,
                                "result",
                                tag(result)))
                .increment();
    }

    /** Accounts whose own status became {@code status} ({@code terminated} or {@code banned}). */
    public void accountsStatusChanged(String realm, String status, int accounts) {
        if (accounts > 0) {
            counter(NAMESPACE + ".accounts.status.changed", "Accounts terminated or banned", realm, "status", status)
                    .increment(accounts);
        }
    }

    /**
     * One bcrypt computation. Not tagged by realm (the hasher knows none): tests read the difference
     * around one request to show that every branch of a public path pays the same number of hashes.
     */
    public void passwordHash(PasswordHash kind) {
        Counter.builder(NAMESPACE + ".password.hashes")
                .description("bcrypt computations, by kind")
                .tag("kind", tag(kind))
                .register(registry)
                .increment();
    }

    /**
     * One password hash Gatehouse asks Keycloak for on a login: Keycloak's dummy hash
     * ({@code AuthenticatorUtils.dummyHash}) or the verification of a user outside the store with
     * the realm's own algorithm. Beside {@link #passwordHash}, it shows that with
     * {@code matchLocalUserTiming} every attempt pays one of each kind. Not tagged by realm either.
     */
    public void keycloakPasswordHash(PasswordHash kind) {
        Counter.builder(NAMESPACE + ".keycloak.password.hashes")
                .description("Keycloak password hashes asked for by Gatehouse's login, by kind")
                .tag("kind", tag(kind))
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String realm, String key, String value) {
        return Counter.builder(name)
                .description(description)
                .tag("realm", realm)
                .tag(key, value)
                .register(registry);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
