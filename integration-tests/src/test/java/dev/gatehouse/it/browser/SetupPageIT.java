package dev.gatehouse.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.KeycloakSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Gatehouse page of the admin console (issue 18): an admin opens it in a realm, sees the setup
 * switches with their consequences, saves it, and the realm is set up as the Admin API sets it up.
 * Leaves {@code target/screenshots/admin-console-setup.png}; axe-core audits the page's content
 * ({@code main}; the console's header and sidebar are Keycloak's).
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("The admin console's Gatehouse page applies setup to a realm")
class SetupPageIT {

    private static final String REALM = "acme-console";
    private static final Duration RENDER = Duration.ofSeconds(60);

    private final GatehouseEnvironment env;
    private final AdminApi admin;

    SetupPageIT(GatehouseEnvironment env) {
        this.env = env;
        this.admin = env.admin();
    }

    @AfterEach
    void removeRealm() {
        admin.delete("/realms/" + REALM);
    }

    @Test
    @DisplayName("the page shows the switches with their consequences; saving it sets the realm up")
    void page() {
        Chromium.assumeInstalled();
        Axe axe = Axe.load();
        admin.delete("/realms/" + REALM);
        HttpResponse<String> created = admin.post("/realms", "{\"realm\":\"" + REALM + "\",\"enabled\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        try (Chromium chromium = Chromium.start()) {
            ChromeDriver driver = chromium.driver();
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(env.baseUrl() + "/admin/master/console/#/" + REALM + "/page-section/gatehouse-setup/add");
            WebDriverWait wait = new WebDriverWait(driver, RENDER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            driver.findElement(By.id("username")).sendKeys(KeycloakSetup.ADMIN_USER);
            driver.findElement(By.id("password")).sendKeys(KeycloakSetup.ADMIN_PASSWORD);
            driver.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Public signup"));
            String text = driver.findElement(By.tagName("body")).getText();
            assertThat(text).contains("Central identity provider", "Brute-force detection", "bcrypt password policy");

            // Keycloak's own header and sidebar are not the page's: axe audits the page's content.
            List<Axe.Violation> violations = axe.audit(driver, "main");
            System.out.printf(
                    "gatehouse.axe journey=admin-console-setup page=%s violations=%d %s%n",
                    driver.getCurrentUrl(), violations.size(), violations);
            screenshot(driver);
            assertThat(violations)
                    .as("axe-core serious or critical violations on the Gatehouse page")
                    .filteredOn(Axe.Violation::blocking)
                    .isEmpty();

            driver.findElement(By.cssSelector("button[type=submit], [data-testid=save]"))
                    .click();
            wait.until(ignored -> admin.json(REALM).get("browserFlow").asText().equals("gatehouse browser v1"));
        }
        JsonNode components = admin.json(REALM + "/components?type=org.keycloak.storage.UserStorageProvider");
        assertThat(components).hasSize(1);
        assertThat(admin.json(REALM).get("registrationAllowed").asBoolean())
                .as("public signup is off unless turned on")
                .isFalse();
    }

    private static void screenshot(ChromeDriver driver) {
        try {
            Path directory = Path.of(System.getProperty("gatehouse.screenshots", "target/screenshots"));
            Files.createDirectories(directory);
            Files.write(directory.resolve("admin-console-setup.png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
