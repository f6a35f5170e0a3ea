package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("API-key endpoints answer 503, never 500, while the account store is down")
class ApiKeyStoreOutageIT {

    private final GatehouseEnvironment env;
    private final ApiKeys keys;

    ApiKeyStoreOutageIT(GatehouseEnvironment env) {
        this.env = env;
        this.keys = new ApiKeys(env);
    }

    @Test
    @DisplayName("store stopped: check and Admin API 503; store back: the key works again")
    void outage() {
        String username = Names.unique("outage");
        UUID id = env.store().account(username).password("pw").create();
        ApiKeys.Created key = keys.create(id, "relay");
        String adminToken = keys.admin();

        env.store().server().stop();
        try {
            HttpResponse<byte[]> check = keys.checkForm(username, key.key());
            assertThat(check.statusCode()).as(ApiKeys.body(check)).isEqualTo(503);
            assertThat(ApiKeys.body(check)).contains("temporarily unavailable").doesNotContain("Exception");
            HttpResponse<String> list =
                    keys.request("GET", keys.adminUrl("accounts/" + id + "/api-keys"), adminToken, null);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(503);
        } finally {
            env.store().server().start();
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(keys.checkForm(username, key.key()).statusCode())
                                .isEqualTo(200));
    }
}
