package dev.gatehouse.it.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, from the npm package the build installs ({@code gatehouse.axe}), injected into the page
 * through WebDriver and run on the whole document. Every result is printed; the ones of impact
 * "serious" or "critical" are what a page must not have.
 */
final class Axe {

    static final Path SCRIPT =
            Path.of(System.getProperty("gatehouse.axe", "target/axe/node_modules/axe-core/axe.min.js"));

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Runs in the page: WebDriver passes the async callback as the last argument.
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']})
                .then(results => done(JSON.stringify(results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' '))})))))
                .catch(error => done(JSON.stringify({error: String(error)})));
            """;

    private final String source;

    private Axe(String source) {
        this.source = source;
    }

    /** Skips the calling test, with the reason, when the build did not install axe-core (no npm). */
    static Axe load() {
        assumeTrue(Files.isRegularFile(SCRIPT), "axe-core is not installed at " + SCRIPT + " (the build runs npm ci)");
        try {
            return new Axe(Files.readString(SCRIPT, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rule the page breaks, with the CSS selectors of the offending elements. */
    record Violation(String id, String impact, String help, List<String> nodes) {
        boolean blocking() {
            return BLOCKING.contains(impact);
        }

        @Override
        public String toString() {
            return impact + " " + id + " (" + help + ") at " + nodes;
        }
    }

    List<Violation> audit(JavascriptExecutor page) {
        return run(page, RUN);
    }

    /**
     * Audits the part of the page under {@code selector} only: a page an extension adds to an
     * application (the admin console) is answerable for its own content, not the host's chrome.
     */
    List<Violation> audit(JavascriptExecutor page, String selector) {
        return run(page, RUN.replace("axe.run(document,", "axe.run({include: [" + quoted(selector) + "]},"));
    }

    private static String quoted(String selector) {
        try {
            return JSON.writeValueAsString(selector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Violation> run(JavascriptExecutor page, String run) {
        page.executeScript(source);
        JsonNode result = parse((String) page.executeAsyncScript(run));
        if (result.has("error")) {
            throw new IllegalStateException(
                    "axe-core failed: " + result.get("error").asText());
        }
        List<Violation> violations = new ArrayList<>();
        for (JsonNode violation : result) {
            List<String> nodes = new ArrayList<>();
            violation.get("nodes").forEach(node -> nodes.add(node.asText()));
            violations.add(new Violation(
                    violation.get("id").asText(),
                    violation.path("impact").asText("unknown"),
                    violation.get("help").asText(),
                    nodes));
        }
        return violations;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
