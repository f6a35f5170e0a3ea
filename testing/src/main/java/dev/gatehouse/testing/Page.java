package dev.gatehouse.testing;

import java.net.URI;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a browser ends up with after a request and its redirects: the final status and body, or the
 * redirect that left the server (to a client's redirect URI, say).
 */
public record Page(int status, URI uri, String body, Optional<URI> leftServerTo) {

    public Document document() {
        return Jsoup.parse(body, uri.toString());
    }

    /** The first form on the page, or the one matching a CSS selector. */
    public Form form(String selector) {
        Element form = document().selectFirst(selector);
        if (form == null) {
            throw new AssertionError("No form '" + selector + "' on " + uri + ":\n" + body);
        }
        return Form.of(form);
    }

    public Form form() {
        return form("form");
    }

    /** Text of the page as a user reads it. */
    public String text() {
        return document().text();
    }

    /** A query parameter of the URI the flow left the server to, e.g. the authorization code. */
    public Optional<String> redirectParameter(String name) {
        return leftServerTo
                .flatMap(target -> Optional.ofNullable(target.getRawQuery()))
                .flatMap(query -> java.util.Arrays.stream(query.split("&"))
                        .filter(pair -> pair.startsWith(name + "="))
                        .map(pair -> java.net.URLDecoder.decode(
                                pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8))
                        .findFirst());
    }
}
