package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.KeycloakServer;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC S2: an attacker who sends every request of a password reset with {@code Host: evil.example}
 * gets pages, redirects and an e-mailed link that all name the configured hostname, and an action
 * token issued by it — nothing the victim could be made to click on the attacker's host.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("A forged Host header")
class ForgedHostIT {

    private static final String FORGED = "evil.example";
    private static final Pattern COMPOSE_HOSTNAME = Pattern.compile("KC_HOSTNAME: \\$\\{GATEHOUSE_HOSTNAME:-([^}]+)}");

    private final GatehouseEnvironment env;

    ForgedHostIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("changes no link on the demo's configuration (hostname = the demo's URL)")
    void demoConfiguration() {
        resetWithForgedHost(env.baseUrl(), env.baseUrl());
    }

    @Test
    @DisplayName("changes no link on docker-compose's configuration (its KC_HOSTNAME, hostname-strict on)")
    void composeConfiguration() throws IOException {
        assumeThat(env.options().runtime())
                .as("a second node needs the distribution runtime")
                .isEqualTo("distribution");
        String compose = Files.readString(repositoryRoot().resolve("docker-compose.yml"));
        Matcher hostname = COMPOSE_HOSTNAME.matcher(compose);
        assertThat(hostname.find()).as("docker-compose.yml sets KC_HOSTNAME").isTrue();
        assertThat(compose).contains("KC_HOSTNAME_STRICT: \"true\"");

        // The node listens on a free port of its own and is told, as compose tells it, that it is
        // published at http://localhost:8080: every URL it builds must name that, whatever Host says.
        try (KeycloakServer node = env.startNodeWithHostname(hostname.group(1))) {
            resetWithForgedHost(node.baseUrl(), hostname.group(1));
        }
    }

    private void resetWithForgedHost(String server, String publicUrl) {
        ForgedHostClient attacker = new ForgedHostClient(server, FORGED);

        ForgedHostClient.Answer discovery = attacker.get("/realms/gatehouse/.well-known/openid-configuration");
        assertThat(discovery.status()).isEqualTo(200);
        JsonNode metadata = Oidc.json(discovery.body());
        assertThat(metadata.get("issuer").asText()).isEqualTo(publicUrl + "/realms/gatehouse");
        assertThat(discovery.body()).doesNotContain(FORGED);

        String username = Names.unique("forged-host");
        String email = username + "@it.test";
        env.store().account(username).email(email).password("pw-forged").create();

        Document identifier = page(
                attacker,
                publicUrl,
                attacker.get("/realms/gatehouse/protocol/openid-connect/auth"
                        + "?client_id=demo-app&response_type=code&scope=openid&redirect_uri=http://localhost:3000/cb"));
        Element identifierForm = identifier.selectFirst("form[method=post]");
        assertThat(identifierForm).as(identifier.text()).isNotNull();
        Document password = page(
                attacker,
                publicUrl,
                attacker.post(
                        local(publicUrl, identifierForm.attr("action")), Map.of("username", Names.unique("nobody"))));
        Element forgot = password.selectFirst("a[href*=reset-credentials]");
        assertThat(forgot).as(password.text()).isNotNull();
        Document choose = page(attacker, publicUrl, attacker.get(local(publicUrl, forgot.attr("href"))));
        Element resetForm = choose.selectFirst("#kc-reset-password-form");
        assertThat(resetForm).as(choose.text()).isNotNull();
        page(
                attacker,
                publicUrl,
                attacker.post(local(publicUrl, resetForm.attr("action")), Map.of("username", username)));

        MimeMessage mail =
                env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(30)).get(0);
        assertThat(MailServer.html(mail) + MailServer.text(mail)).doesNotContain(FORGED);
        List<String> links = MailServer.links(mail);
        String reset = links.stream()
                .filter(link -> link.contains("/login-actions/action-token"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reset link in " + links));
        assertThat(reset).startsWith(publicUrl + "/realms/gatehouse/login-actions/action-token?");
        String key = queryParameter(reset, "key");
        JsonNode token =
                Oidc.json(new String(Base64.getUrlDecoder().decode(key.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(token.get("iss").asText()).isEqualTo(publicUrl + "/realms/gatehouse");
    }

    /**
     * Follows the redirects of an answer (each must point at the configured hostname) and parses
     * the page it ends on, which must name no other host either.
     */
    private static Document page(ForgedHostClient attacker, String publicUrl, ForgedHostClient.Answer answer) {
        for (int hops = 0; answer.status() / 100 == 3 && hops < 5; hops++) {
            String location = answer.header("location");
            assertThat(location).as("redirect").startsWith(publicUrl);
            answer = attacker.get(local(publicUrl, location));
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(FORGED);
        Document document = Jsoup.parse(answer.body(), publicUrl);
        for (Element element : document.select("form[action], a[href^=http]")) {
            String url = element.hasAttr("action") ? element.attr("action") : element.attr("href");
            if (url.startsWith("http://localhost") || url.contains("/realms/")) {
                assertThat(url).as(element.outerHtml()).startsWith(publicUrl);
            }
        }
        return document;
    }

    /**
     * The path and query of a link, to send to the node itself: an absolute link must name the
     * configured hostname; a relative one stays on whatever host the page was read from.
     */
    private static String local(String publicUrl, String url) {
        String link = url.replace("&amp;", "&");
        if (!link.startsWith("/")) {
            assertThat(link).startsWith(publicUrl);
        }
        URI uri = URI.create(link);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String queryParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docker-compose.yml"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(
                    "docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
