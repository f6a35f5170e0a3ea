package dev.gatehouse.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user journey in headless Chromium. Every page the journey reaches on the server is audited
 * with axe-core as it loads (the results are printed, serious and critical violations fail the
 * test); {@link #screenshot()} keeps the picture of the journey under its name.
 */
final class Journey implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of(System.getProperty("gatehouse.screenshots", "target/screenshots"));

    private static final Duration NAVIGATION = Duration.ofSeconds(30);

    private final String name;
    private final String serverUrl;
    private final Axe axe;
    private final Chromium chromium;
    private final ChromeDriver driver;

    private Journey(String name, String serverUrl, Axe axe, Chromium chromium) {
        this.name = name;
        this.serverUrl = serverUrl;
        this.axe = axe;
        this.chromium = chromium;
        this.driver = chromium.driver();
    }

    /** A fresh browser for the journey {@code name}; skips the test when Chromium or axe-core is missing. */
    static Journey start(String name, String serverUrl) {
        Chromium.assumeInstalled();
        Axe axe = Axe.load();
        return new Journey(name, serverUrl, axe, Chromium.start());
    }

    Journey open(String url) {
        driver.get(url);
        return arrived();
    }

    Journey type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks what leaves the page (a submit button, a link) and audits the page it leads to. */
    Journey click(String css) {
        return leaving(() -> find(css).click());
    }

    /** Picks the option of a list that loads another page, such as the language menu, by its value. */
    Journey choose(String css, String valueContaining) {
        String value = find(css + " option[value*='" + valueContaining + "']").getAttribute("value");
        return leaving(() -> new Select(find(css)).selectByValue(value));
    }

    private Journey leaving(Runnable action) {
        WebElement html = driver.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(driver, NAVIGATION).until(ignored -> isGone(html));
        return arrived();
    }

    /**
     * Whether the element belongs to a page that was left. Chromium answers a node of the old
     * document with "Node with given id does not belong to the document" as often as with a stale
     * reference, which {@code ExpectedConditions.stalenessOf} does not take for staleness.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException staleOrDetached) {
            return true;
        }
    }

    /** Shows an HTML document that is not on the server, such as an e-mail's HTML part. */
    Journey openHtml(String html) {
        try {
            Path file = Files.createTempFile("gatehouse-" + name + "-", ".html");
            Files.writeString(file, html, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return open(file.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page shows {@code text} as text: no element came out of it (it is an {@code <img>} tag
     * with an {@code onerror} handler in the hostile-username test) and no script of it ran.
     */
    void assertNoMarkupFrom(String text) {
        assertThat(all("img[src=x]")).as("elements made from %s", text).isEmpty();
        assertThatThrownBy(() ->
                        new WebDriverWait(driver, Duration.ofSeconds(1)).until(ExpectedConditions.alertIsPresent()))
                .as("an alert opened by %s", text)
                .isInstanceOf(TimeoutException.class);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The page as the user reads it. */
    String text() {
        return find("body").getText();
    }

    URI url() {
        return URI.create(driver.getCurrentUrl());
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code <screenshots>/<journey>.png}. */
    Path screenshot() {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Journey arrived() {
        new WebDriverWait(driver, NAVIGATION)
                .until(page -> "complete".equals(driver.executeScript("return document.readyState")));
        String url = driver.getCurrentUrl();
        if (url.startsWith(serverUrl)) {
            List<Axe.Violation> violations = axe.audit(driver);
            System.out.printf(
                    "gatehouse.axe journey=%s page=%s violations=%d %s%n",
                    name, URI.create(url).getPath(), violations.size(), violations);
            assertThat(violations)
                    .as("axe-core serious or critical violations on %s", url)
                    .filteredOn(Axe.Violation::blocking)
                    .isEmpty();
        }
        return this;
    }

    @Override
    public void close() {
        chromium.close();
    }
}
