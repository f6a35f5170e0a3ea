package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The admin console finds store accounts")
class AdminSearchIT {

    private final GatehouseEnvironment env;

    AdminSearchIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("search by username prefix pages with first/max in username order")
    void pagesByUsername() {
        String prefix = Names.unique("srch");
        for (String suffix : List.of("c", "a", "b")) {
            env.store()
                    .account(prefix + "-" + suffix)
                    .email(prefix + suffix + "@search.test")
                    .password("pw")
                    .create();
        }

        JsonNode firstPage = env.admin().json("gatehouse/users?search=" + prefix + "&first=0&max=2");
        JsonNode secondPage = env.admin().json("gatehouse/users?search=" + prefix + "&first=2&max=2");

        assertThat(usernames(firstPage)).containsExactly(prefix + "-a", prefix + "-b");
        assertThat(usernames(secondPage)).containsExactly(prefix + "-c");
        assertThat(firstPage.get(0).at("/attributes/gatehouseStatus/0").asText())
                .isEqualTo("active");
    }

    @Test
    @DisplayName("search by e-mail address finds its account")
    void findsByEmail() {
        String username = Names.unique("mail");
        env.store()
                .account(username)
                .email(username + "@find-me.test")
                .password("pw")
                .create();

        JsonNode found = env.admin().json("gatehouse/users?search=" + username + "@find-me.test");

        assertThat(usernames(found)).containsExactly(username);
        assertThat(found.get(0).get("email").asText()).isEqualTo(username + "@find-me.test");
    }

    @Test
    @DisplayName("users/count matches the store, with and without a search")
    void countsMatchStore() {
        String prefix = Names.unique("cnt");
        env.store().account(prefix + "-1").password("pw").create();
        env.store().account(prefix + "-2").password("pw").create();

        int total = Integer.parseInt(env.admin().get("gatehouse/users/count").body());
        int matching = Integer.parseInt(
                env.admin().get("gatehouse/users/count?search=" + prefix).body());

        assertThat(total).isEqualTo(env.store().countAccounts());
        assertThat(matching).isEqualTo(2);
    }

    private static List<String> usernames(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(user -> names.add(user.get("username").asText()));
        return names;
    }
}
