package dev.gatehouse.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

@DisplayName("WindowedLimit")
class WindowedLimitTest {

    /** Keycloak's single-use object store as a set of keys, behind a session that offers only it. */
    private final Set<String> store = new HashSet<>();

    private final KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> {
                if (method.getName().equals("singleUseObjects")) {
                    return singleUseObjects();
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private SingleUseObjectProvider singleUseObjects() {
        return (SingleUseObjectProvider) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SingleUseObjectProvider.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "putIfAbsent" -> store.add((String) args[0]);
                        case "contains" -> store.contains((String) args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Nested
    @DisplayName("take")
    class Take {

        @Test
        @DisplayName("allows the limit's uses in a window, then refuses, and keeps at most the limit's entries")
        void countsUpToTheLimit() {
            WindowedLimit limit = new WindowedLimit(session, 3, 3600);

            assertThat(limit.take("c")).isTrue();
            assertThat(limit.take("c")).isTrue();
            assertThat(limit.exhausted("c")).isFalse();
            assertThat(limit.take("c")).isTrue();

            assertThat(limit.exhausted("c")).isTrue();
            assertThat(limit.take("c")).isFalse();
            assertThat(store).hasSize(3);
        }

        @Test
        @DisplayName("counts each counter on its own")
        void separateCounters() {
            WindowedLimit limit = new WindowedLimit(session, 1, 3600);

            assertThat(limit.take("a")).isTrue();
            assertThat(limit.take("b")).isTrue();
            assertThat(limit.take("a")).isFalse();
        }
    }

    @Nested
    @DisplayName("takeAll")
    class TakeAll {

        @Test
        @DisplayName("a request refused by one limit stores nothing in the other")
        void refusedStoresNothing() {
            WindowedLimit perIp = new WindowedLimit(session, 1, 3600);
            WindowedLimit perAddress = new WindowedLimit(session, 5, 3600);
            assertThat(WindowedLimit.takeAll(
                            new WindowedLimit.Use(perIp, "ip"), new WindowedLimit.Use(perAddress, "first")))
                    .isTrue();
            int stored = store.size();

            boolean second = WindowedLimit.takeAll(
                    new WindowedLimit.Use(perIp, "ip"), new WindowedLimit.Use(perAddress, "second"));

            assertThat(second).isFalse();
            assertThat(store).hasSize(stored);
            assertThat(perAddress.exhausted("second")).isFalse();
        }

        @Test
        @DisplayName("an allowed request counts in every limit")
        void allowedCountsEverywhere() {
            WindowedLimit perIp = new WindowedLimit(session, 2, 3600);
            WindowedLimit perAddress = new WindowedLimit(session, 1, 3600);

            assertThat(WindowedLimit.takeAll(
                            new WindowedLimit.Use(perIp, "ip"), new WindowedLimit.Use(perAddress, "a")))
                    .isTrue();

            assertThat(perAddress.exhausted("a")).isTrue();
            assertThat(WindowedLimit.takeAll(
                            new WindowedLimit.Use(perIp, "ip"), new WindowedLimit.Use(perAddress, "a")))
                    .isFalse();
            assertThat(perIp.take("ip")).as("the IP's second use is still free").isTrue();
        }
    }
}
