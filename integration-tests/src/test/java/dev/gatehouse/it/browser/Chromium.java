package dev.gatehouse.it.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver. The paths come from the build
 * ({@code gatehouse.chromium}, {@code gatehouse.chromedriver}); both are given to Selenium, so that
 * Selenium Manager never tries to download a browser or a driver (there is no network for it).
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("gatehouse.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("gatehouse.chromedriver", "/usr/bin/chromedriver"));

    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test, with the reason, when the browser or its driver is not installed. */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(BINARY),
                "Chromium is not installed at " + BINARY + " (apt-get install -y chromium chromium-driver)");
        assumeTrue(
                Files.isExecutable(DRIVER),
                "chromedriver is not installed at " + DRIVER + " (apt-get install -y chromium-driver)");
    }

    /** A new browser with an empty profile of its own: no cookies, no cache, no locale cookie. */
    static Chromium start() {
        Path profile = freshProfile();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BINARY.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-dev-shm-usage",
                        "--lang=en-US",
                        "--window-size=1024,900",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD).scriptTimeout(PAGE_LOAD);
        return new Chromium(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path freshProfile() {
        try {
            return Files.createTempDirectory("gatehouse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
