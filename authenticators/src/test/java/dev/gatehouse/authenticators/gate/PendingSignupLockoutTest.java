package dev.gatehouse.authenticators.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.PendingSignup;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

@DisplayName("PendingSignupLockout")
class PendingSignupLockoutTest {

    /** Keycloak's single-use store: entries and their lifespans. */
    private static final class FakeStore implements SingleUseObjectProvider {
        final Map<String, Long> lifespans = new HashMap<>();

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return lifespans.putIfAbsent(key, lifespanInSeconds) == null;
        }

        @Override
        public boolean contains(String key) {
            return lifespans.containsKey(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return lifespans.remove(key) == null ? null : Map.of();
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            lifespans.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            return lifespans.containsKey(key) ? Map.of() : null;
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return lifespans.containsKey(key);
        }

        @Override
        public void close() {}
    }

    private final FakeStore store = new FakeStore();
    private final PendingSignup signup = new PendingSignup(
            UUID.randomUUID(),
            "pending",
            "pending@it.test",
            "$2a$04$x",
            Instant.now().plusSeconds(86_400));

    private PendingSignupLockout lockout(boolean protectedRealm, boolean permanent) {
        Map<String, Object> settings = Map.of(
                "getId", "realm-1",
                "isBruteForceProtected", protectedRealm,
                "isPermanentLockout", permanent,
                "getFailureFactor", 3,
                "getMaxDeltaTimeSeconds", 43_200,
                "getWaitIncrementSeconds", 60,
                "getMaxFailureWaitSeconds", 900);
        RealmModel realm = (RealmModel) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RealmModel.class}, (proxy, method, args) -> {
                    if (!settings.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return settings.get(method.getName());
                });
        KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("singleUseObjects")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return store;
                });
        return new PendingSignupLockout(session, realm);
    }

    @Nested
    @DisplayName("in a realm with brute-force detection")
    class Protected {

        @Test
        @DisplayName("locks at the realm's failure count, for its wait increment, and counts afresh")
        void locksAtFailureFactor() {
            PendingSignupLockout lockout = lockout(true, false);
            lockout.failed(signup);
            lockout.failed(signup);
            assertThat(lockout.locked(signup)).isFalse();

            lockout.failed(signup);

            assertThat(lockout.locked(signup)).isTrue();
            assertThat(store.lifespans).containsOnlyKeys("gatehouse-signup-lock:realm-1:" + signup.id());
            assertThat(store.lifespans).containsValue(60L);
        }

        @Test
        @DisplayName("with permanent lockout, stays locked as long as the signup lives")
        void permanent() {
            PendingSignupLockout lockout = lockout(true, true);
            for (int failure = 0; failure < 3; failure++) {
                lockout.failed(signup);
            }
            assertThat(lockout.locked(signup)).isTrue();
            assertThat(store.lifespans.values())
                    .singleElement()
                    .satisfies(seconds -> assertThat(seconds).isBetween(86_000L, 86_400L));
        }

        @Test
        @DisplayName("counts each signup apart")
        void perSignup() {
            PendingSignupLockout lockout = lockout(true, false);
            PendingSignup other = new PendingSignup(
                    UUID.randomUUID(),
                    "other",
                    "other@it.test",
                    "$2a$04$x",
                    Instant.now().plusSeconds(86_400));
            for (int failure = 0; failure < 3; failure++) {
                lockout.failed(signup);
            }
            assertThat(lockout.locked(other)).isFalse();
        }
    }

    @Test
    @DisplayName("without brute-force detection, never locks and stores nothing")
    void unprotected() {
        PendingSignupLockout lockout = lockout(false, false);
        for (int failure = 0; failure < 5; failure++) {
            lockout.failed(signup);
        }
        assertThat(lockout.locked(signup)).isFalse();
        assertThat(store.lifespans).isEmpty();
    }
}
