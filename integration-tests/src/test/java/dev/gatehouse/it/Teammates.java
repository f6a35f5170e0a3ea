package dev.gatehouse.it;

import dev.gatehouse.testing.GatehouseEnvironment;
import java.net.http.HttpResponse;
import java.util.UUID;

/** The teammate endpoints as an owner, a teammate or support use them, and teammates arranged in the store. */
final class Teammates {

    private final GatehouseEnvironment env;
    private final ApiKeys api;

    Teammates(GatehouseEnvironment env) {
        this.env = env;
        this.api = new ApiKeys(env);
    }

    ApiKeys api() {
        return api;
    }

    /** Makes {@code memberId} a teammate of {@code teamId} straight in the store, as if it had accepted. */
    void join(UUID teamId, UUID memberId, String level) {
        String email = "mate-" + memberId + "@it.test";
        env.store().addTeammate(teamId, memberId, email, level);
    }

    HttpResponse<String> invite(String token, String email, String level) {
        return api.request(
                "POST",
                api.ownUrl("teammates"),
                token,
                "{\"email\":" + ApiKeys.quote(email) + ",\"level\":" + ApiKeys.quote(level) + "}");
    }

    HttpResponse<String> own(String method, String path, String token, String json) {
        return api.request(method, api.ownUrl(path), token, json);
    }

    HttpResponse<String> admin(String method, String path, String token, String json) {
        return api.request(method, api.adminUrl(path), token == null ? api.admin() : token, json);
    }
}
