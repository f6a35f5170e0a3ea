package dev.gatehouse.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import java.net.URI;
import org.openqa.selenium.WebElement;

/** The gatehouse realm's login pages as a browser user meets them: where to type, what to read. */
final class LoginScreens {

    static final String REDIRECT = "http://localhost:3000/cb";
    static final String USERNAME = "#username";
    static final String PASSWORD = "#password";
    static final String SUBMIT = "[type=submit]";
    static final String ATTEMPTED = "#kc-attempted-username";
    static final String TROUBLESHOOTING_LINK = "#gatehouse-troubleshooting-link";

    private final GatehouseEnvironment env;

    LoginScreens(GatehouseEnvironment env) {
        this.env = env;
    }

    Journey journey(String name) {
        return Journey.start(name, env.baseUrl());
    }

    String loginUrl() {
        return env.oidc("gatehouse").authorizationUrl("demo-app", REDIRECT);
    }

    String troubleshootingUrl() {
        return env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting";
    }

    String forgotUsernameUrl() {
        return env.baseUrl() + "/realms/gatehouse/gatehouse/forgot-username";
    }

    /** Opens the login and submits the identifier: the password page, or wherever the flow goes. */
    void identify(Journey journey, String identifier) {
        journey.open(loginUrl()).type(USERNAME, identifier).click(SUBMIT);
    }

    void login(Journey journey, String identifier, String password) {
        identify(journey, identifier);
        journey.type(PASSWORD, password).click(SUBMIT);
    }

    /** The error of a field, read through the field's own {@code aria-describedby}. */
    String fieldError(Journey journey, String field) {
        WebElement input = journey.find("#" + field);
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
        String describedBy = input.getAttribute("aria-describedby");
        assertThat(describedBy).as("aria-describedby of #%s", field).isNotBlank();
        return journey.find("#" + describedBy.split(" ")[0]).getText();
    }

    /** The section of the troubleshooting page that the page's link points to. */
    String troubleshootingAnchor(Journey journey) {
        URI link = URI.create(journey.find(TROUBLESHOOTING_LINK).getAttribute("href"));
        assertThat(link.getPath()).isEqualTo("/realms/gatehouse/gatehouse/troubleshooting");
        return link.getFragment();
    }

    /** Whether the element's top is within the browser's window, as the user sees it. */
    boolean inView(Journey journey, String css) {
        Object visible = journey.driver()
                .executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                                + " return r.top >= 0 && r.top < window.innerHeight;",
                        journey.find(css));
        return Boolean.TRUE.equals(visible);
    }
}
