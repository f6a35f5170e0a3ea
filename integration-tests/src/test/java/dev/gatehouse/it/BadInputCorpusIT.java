package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.it.BadInputCorpus.Input;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.Form;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every generated input of {@link BadInputCorpus} against every public form and endpoint: no 5xx,
 * no unescaped reflection, and not one account-store row changed. Prints the tallies.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Bad-input corpus: hundreds of hostile inputs on every public form and endpoint")
class BadInputCorpusIT {

    private static final String REALM = "gatehouse";
    private static final List<String> STORE_TABLES = List.of(
            "account",
            "pending_signup",
            "api_key",
            "email_ban",
            "status_audit",
            "bill_run",
            "billing_warning",
            "dedicated_ip");
    /** Above this, a request line or header may be refused by the HTTP layer before Keycloak. */
    private static final int URL_LIMIT = 4096;
    /** What a target answers for an input it does not send. */
    private static final int SKIPPED = -1;

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, LongAdder> tallies = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    BadInputCorpusIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("no 5xx, no unescaped reflection, no store row changed")
    void corpus() throws Exception {
        List<Input> corpus = BadInputCorpus.generate();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        String before = storeFingerprint();
        Map<String, String> attributes = relaxForgotUsernameLimits();
        String policy = cheapHashes();
        try {
            Map<String, BiFunction<Input, Session, Integer>> targets = new TreeMap<>();
            targets.put("identifier", this::identifier);
            targets.put("password", this::password);
            targets.put("forgot-username", this::forgotUsername);
            targets.put("reset-credentials", this::resetCredentials);
            targets.put("troubleshooting", this::troubleshooting);
            targets.put("api-key-form", this::apiKeyForm);
            targets.put("api-key-json", this::apiKeyJson);
            targets.put("direct-grant", this::directGrant);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> runs = new ArrayList<>();
            for (Map.Entry<String, BiFunction<Input, Session, Integer>> target : targets.entrySet()) {
                runs.add(pool.submit(() -> run(target.getKey(), target.getValue(), corpus)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();
        } finally {
            restoreHashes(policy);
            restoreRealmAttributes(attributes);
        }

        System.out.printf("gatehouse.corpus inputs=%d requests=%d%n", corpus.size(), total());
        tallies.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(tally -> System.out.printf(
                        "gatehouse.corpus %-40s %6d%n",
                        tally.getKey(), tally.getValue().sum()));
        assertThat(failures).as("5xx answers and unescaped reflections").isEmpty();
        assertThat(storeFingerprint()).as("account store rows").isEqualTo(before);
    }

    /** Per target: one browser-like session reused while its pages allow. */
    private static final class Session {
        BrowserClient browser;
        Page page;
    }

    private void run(String target, BiFunction<Input, Session, Integer> send, List<Input> corpus) {
        Session session = new Session();
        for (Input input : corpus) {
            int status;
            try {
                status = send.apply(input, session);
            } catch (UncheckedIOException closed) {
                // The HTTP layer may drop a connection over an oversized request line or body.
                boolean large = input.bytes().length > URL_LIMIT;
                tally(target, large ? "connection closed (oversized)" : "connection closed");
                if (!large) {
                    failures.add(target + " closed the connection on " + input.kind() + " " + input.label());
                }
                session.page = null;
                continue;
            }
            tally(target, status == SKIPPED ? "skipped (longer than a URL)" : String.valueOf(status));
            if (status >= 500) {
                failures.add(target + " answered " + status + " to " + input.kind() + " " + shorten(input.label()));
            }
        }
    }

    private int identifier(Input input, Session session) {
        Form form = loginForm(session, "username");
        return check(
                session,
                input,
                "identifier",
                session.browser.postEncoded(form.action(), encode(form, "username", input)));
    }

    private int password(Input input, Session session) {
        Form form = passwordForm(session);
        return check(
                session,
                input,
                "password",
                session.browser.postEncoded(form.action(), encode(form, "password", input)));
    }

    private int forgotUsername(Input input, Session session) {
        BrowserClient browser = browser(session);
        String url = env.baseUrl() + "/realms/" + REALM + "/gatehouse/forgot-username";
        return check(session, input, "forgot-username", browser.postEncoded(url, "email=" + input.formEncoded()));
    }

    private int resetCredentials(Input input, Session session) {
        if (session.page == null || session.page.document().selectFirst("#kc-reset-password-form") == null) {
            BrowserClient browser = browser(session);
            Page login = pages.open(browser);
            var link = login.document().selectFirst("a[href*=reset-credentials]");
            session.page = link == null
                    ? browser.get(env.baseUrl() + "/realms/" + REALM + "/login-actions/reset-credentials?client_id="
                            + LoginPages.CLIENT)
                    : browser.get(link.absUrl("href"));
        }
        Form form = session.page.form("#kc-reset-password-form");
        return check(
                session, input, "reset", session.browser.postEncoded(form.action(), encode(form, "username", input)));
    }

    private int troubleshooting(Input input, Session session) {
        if (input.bytes().length > URL_LIMIT) {
            return SKIPPED;
        }
        Page page = browser(session)
                .get(env.baseUrl() + "/realms/" + REALM + "/gatehouse/troubleshooting?reason=" + input.formEncoded());
        return check(session, input, "troubleshooting", page);
    }

    private int apiKeyForm(Input input, Session session) {
        String body = "api_user=" + input.formEncoded() + "&api_key=" + input.formEncoded();
        return post(
                "/realms/" + REALM + "/gatehouse/api/v1/auth",
                "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.US_ASCII));
    }

    private int apiKeyJson(Input input, Session session) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"api_user\":".getBytes(StandardCharsets.UTF_8));
        json.writeBytes(jsonString(input));
        json.writeBytes(",\"api_key\":".getBytes(StandardCharsets.UTF_8));
        json.writeBytes(jsonString(input));
        json.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        return post("/realms/" + REALM + "/gatehouse/api/v1/auth", "application/json", json.toByteArray());
    }

    private int directGrant(Input input, Session session) {
        String body = "grant_type=password&client_id=demo-api&client_secret=demo-api-secret&username="
                + input.formEncoded() + "&password=" + input.formEncoded();
        HttpResponse<String> response = send(
                "/realms/" + REALM + "/protocol/openid-connect/token",
                "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.US_ASCII));
        if (response.statusCode() == 200 || response.body().contains("access_token")) {
            failures.add("direct grant issued a token for " + input.kind() + " " + shorten(input.label()));
        }
        return response.statusCode();
    }

    private Form loginForm(Session session, String field) {
        if (session.page == null
                || session.page.document().selectFirst(LoginPages.FORM + " input[name=" + field + "]") == null) {
            session.page = pages.open(browser(session));
        }
        return session.page.form(LoginPages.FORM);
    }

    /** The password page of an identifier no account has: every password goes through the dummy hash. */
    private Form passwordForm(Session session) {
        if (session.page == null || !LoginPages.isPasswordPage(session.page)) {
            session.page = pages.identify(browser(session), "corpus-nobody-" + Names.unique(""));
        }
        return session.page.form(LoginPages.FORM);
    }

    private BrowserClient browser(Session session) {
        if (session.browser == null) {
            session.browser = env.browser();
        }
        return session.browser;
    }

    private int check(Session session, Input input, String target, Page page) {
        session.page = page;
        if (page.leftServerTo().isPresent()
                && page.leftServerTo().get().toString().contains("code=")) {
            failures.add(target + " logged in with " + input.kind() + " " + shorten(input.label()));
        }
        if (input.validUtf8()
                && input.isMarkup()
                && input.bytes().length >= 6
                && page.body().contains(input.text())) {
            failures.add(target + " reflected unescaped " + input.kind() + " " + shorten(input.label()));
        }
        return page.status();
    }

    private static String encode(Form form, String field, Input input) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> other : form.fields().entrySet()) {
            if (!other.getKey().equals(field)) {
                body.append(java.net.URLEncoder.encode(other.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(java.net.URLEncoder.encode(
                                other.getValue() == null ? "" : other.getValue(), StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return body.append(field).append('=').append(input.formEncoded()).toString();
    }

    /** A JSON string of the input: escaped when it is text, the raw bytes when it is not UTF-8. */
    private static byte[] jsonString(Input input) {
        if (input.validUtf8()) {
            return ApiKeys.quote(input.text()).getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('"');
        out.writeBytes(input.bytes());
        out.write('"');
        return out.toByteArray();
    }

    private int post(String path, String contentType, byte[] body) {
        return send(path, contentType, body).statusCode();
    }

    private HttpResponse<String> send(String path, String contentType, byte[] body) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(env.baseUrl() + path))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A digest of every row of every store table. */
    private String storeFingerprint() {
        return env.store().fingerprint(STORE_TABLES.toArray(String[]::new));
    }

    /**
     * The forgot-username and forgot-password limits would refuse all but the first requests from this one address;
     * raise them for the run, with a one-second window so that no count outlives it.
     */
    /**
     * Bcrypt at its lowest cost for the corpus: every identifier it sends is unknown, so each of the
     * thousand password and direct-grant requests pays the dummy hash at the realm's cost, which is
     * what the test would otherwise spend its time on. The answers do not depend on the cost.
     */
    private String cheapHashes() {
        String policy = env.admin().json(REALM).path("passwordPolicy").asText();
        setPolicy(policy.replaceAll("hashIterations\\(\\d+\\)", "hashIterations(4)"));
        setBcryptCost("4");
        return policy;
    }

    private void restoreHashes(String policy) {
        setPolicy(policy);
        setBcryptCost(policy.replaceAll(".*hashIterations\\((\\d+)\\).*", "$1"));
    }

    private void setPolicy(String policy) {
        ObjectNode realm = ((ObjectNode) env.admin().json(REALM)).deepCopy();
        realm.put("passwordPolicy", policy);
        assertThat(env.admin().put(REALM, realm.toString()).statusCode()).isEqualTo(204);
    }

    private void setBcryptCost(String cost) {
        JsonNode component = env.admin()
                .json(REALM + "/components?type=org.keycloak.storage.UserStorageProvider&name=gatehouse-accounts")
                .get(0);
        ObjectNode changed = component.deepCopy();
        ((ObjectNode) changed.get("config")).putArray("bcryptCost").add(cost);
        var saved = env.admin().put(REALM + "/components/" + component.get("id").asText(), changed.toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
    }

    private Map<String, String> relaxForgotUsernameLimits() {
        JsonNode realm = env.admin().json(REALM);
        Map<String, String> original = new TreeMap<>();
        realm.path("attributes")
                .fields()
                .forEachRemaining(
                        entry -> original.put(entry.getKey(), entry.getValue().asText()));
        ObjectNode changed = ((ObjectNode) realm).deepCopy();
        ObjectNode attributes = changed.with("attributes");
        attributes.put("gatehouseForgotUsernameIpLimit", "1000000");
        attributes.put("gatehouseForgotUsernameLimit", "1000000");
        attributes.put("gatehouseForgotUsernameWindowSeconds", "1");
        attributes.put("gatehouseForgotPasswordIpLimit", "1000000");
        attributes.put("gatehouseForgotPasswordLimit", "1000000");
        attributes.put("gatehouseForgotPasswordWindowSeconds", "1");
        assertThat(env.admin().put(REALM, changed.toString()).statusCode()).isEqualTo(204);
        return original;
    }

    private void restoreRealmAttributes(Map<String, String> original) {
        JsonNode realm = env.admin().json(REALM);
        ObjectNode restored = ((ObjectNode) realm).deepCopy();
        ObjectNode attributes = restored.putObject("attributes");
        original.forEach(attributes::put);
        for (String name : List.of(
                "gatehouseForgotUsernameIpLimit",
                "gatehouseForgotUsernameLimit",
                "gatehouseForgotUsernameWindowSeconds",
                "gatehouseForgotPasswordIpLimit",
                "gatehouseForgotPasswordLimit",
                "gatehouseForgotPasswordWindowSeconds")) {
            if (!original.containsKey(name)) {
                attributes.put(name, "");
            }
        }
        assertThat(env.admin().put(REALM, restored.toString()).statusCode()).isEqualTo(204);
    }

    private void tally(String target, String outcome) {
        tallies.computeIfAbsent(target + " " + outcome, key -> new LongAdder()).increment();
    }

    private long total() {
        return tallies.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static String shorten(String label) {
        String printable = label.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > 60 ? printable.substring(0, 60) + "… (" + label.length() + " chars)" : printable;
    }
}
