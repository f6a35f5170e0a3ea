package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import java.net.http.HttpResponse;

/** Users of the central identity provider, the {@code console} realm, created through its admin API. */
public final class CentralUsers {

    private final GatehouseEnvironment env;

    public CentralUsers(GatehouseEnvironment env) {
        this.env = env;
    }

    /** @return the central user's id, which is the subject Gatehouse links to */
    public String create(String username, String email, boolean emailVerified, String password) {
        String json = """
                {"username": "%s", "email": "%s", "emailVerified": %s, "enabled": true,
                 "firstName": "Central", "lastName": "User",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}
                """.formatted(username, email, emailVerified, password);
        HttpResponse<String> created = env.admin().post("console/users", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
