package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The API-key check refuses bad input with a 4xx, never a 5xx, and changes nothing")
class ApiKeyBadInputIT {

    private final GatehouseEnvironment env;
    private final ApiKeys keys;

    ApiKeyBadInputIT(GatehouseEnvironment env) {
        this.env = env;
        this.keys = new ApiKeys(env);
    }

    @Test
    @DisplayName("missing fields, 1 MiB, invalid UTF-8, a JSON array, SQL and template payloads")
    void badInput() {
        String username = Names.unique("target");
        UUID id = env.store().account(username).password("pw").create();
        ApiKeys.Created key = keys.create(id, "target key");
        // Used once, so that 'last used' is fresh and a correct check would not write either.
        assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);
        String before = keys.storeFingerprint();

        byte[] mebibyte = new byte[1 << 20];
        Arrays.fill(mebibyte, (byte) 'a');
        byte[] bigForm = ("api_user=" + username + "&api_key=" + key.key() + "&pad=").getBytes();
        byte[] bigFormBody = Arrays.copyOf(bigForm, bigForm.length + (1 << 20));
        Arrays.fill(bigFormBody, bigForm.length, bigFormBody.length, (byte) 'a');
        byte[] invalidUtf8Json = concat("{\"api_user\":\"", new byte[] {(byte) 0xC3, 0x28}, "\",\"api_key\":\"x\"}");
        byte[] invalidUtf8Form = concat("api_user=", new byte[] {(byte) 0xFF, (byte) 0xFE}, "&api_key=GH.a.b");

        Map<String, Expected> cases = new LinkedHashMap<>();
        cases.put("missing api_key (form)", send(ApiKeys.FORM, "api_user=" + username, 400));
        cases.put("missing api_user (JSON)", send(ApiKeys.JSON, "{\"api_key\":\"" + key.key() + "\"}", 400));
        cases.put("empty form body", send(ApiKeys.FORM, "", 400));
        cases.put("empty JSON body", send(ApiKeys.JSON, "", 400));
        cases.put("1 MiB JSON body", new Expected(keys.check(ApiKeys.JSON, mebibyte), 413));
        cases.put("1 MiB form with valid fields", new Expected(keys.check(ApiKeys.FORM, bigFormBody), 413));
        cases.put("invalid UTF-8 (JSON)", new Expected(keys.check(ApiKeys.JSON, invalidUtf8Json), 400));
        cases.put("invalid UTF-8 (form)", new Expected(keys.check(ApiKeys.FORM, invalidUtf8Form), 400));
        cases.put(
                "invalid percent-encoded UTF-8",
                send(ApiKeys.FORM, "api_user=%C3%28&api_key=" + ApiKeys.encode(key.key()), 400));
        cases.put(
                "JSON array",
                send(ApiKeys.JSON, "[{\"api_user\":\"" + username + "\",\"api_key\":\"" + key.key() + "\"}]", 400));
        cases.put("invalid JSON", send(ApiKeys.JSON, "{\"api_user\":", 400));
        cases.put(
                "JSON with a non-string key", send(ApiKeys.JSON, "{\"api_user\":\"a\",\"api_key\":{\"$ne\":1}}", 400));
        cases.put("no content type", new Expected(keys.check(null, "api_user=a&api_key=b".getBytes()), 415));
        cases.put("text/plain", send("text/plain", "api_user=a&api_key=b", 415));
        for (String payload : new String[] {
            "' OR '1'='1",
            "x'; UPDATE api_key SET revoked_at = NULL; --",
            "x'); DELETE FROM account; --",
            "${7*7}",
            "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
            "{{7*7}}",
            "%{7*7}",
            "#{7*7}"
        }) {
            cases.put("payload as api_user: " + payload, new Expected(keys.checkForm(payload, key.key() + "x"), 401));
            cases.put(
                    "payload as api_user with the right key: " + payload,
                    new Expected(keys.checkJson(payload, key.key()), 401));
            cases.put("payload as api_key: " + payload, new Expected(keys.checkForm(username, payload), 401));
            cases.put(
                    "payload as key id: " + payload,
                    new Expected(
                            keys.checkForm(
                                    username, "GH." + payload + "." + key.key().split("\\.")[2]),
                            401));
        }

        cases.forEach((name, expected) -> {
            assertThat(expected.response().statusCode())
                    .as(name + ": " + ApiKeys.body(expected.response()))
                    .isEqualTo(expected.status())
                    .isBetween(400, 499);
            assertThat(expected.response().headers().firstValue("Content-Type"))
                    .as(name)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        });
        assertThat(ApiKeys.body(cases.get("missing api_key (form)").response()))
                .contains("\"field\":\"api_key\"")
                .contains("api_key is required");
        assertThat(keys.storeFingerprint())
                .as("no row of api_key or account changed")
                .isEqualTo(before);
        assertThat(env.store().apiKey(key.id())).isPresent();
        assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);
    }

    private record Expected(HttpResponse<byte[]> response, int status) {}

    private Expected send(String contentType, String body, int status) {
        return new Expected(keys.check(contentType, body.getBytes(StandardCharsets.UTF_8)), status);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
