package org.flowserver.server.heartbeat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real headless Chromium per test class, driving Heartbeat on the class's {@link FlowServerExtension}: Debian's
 * {@code chromium} with its {@code chromedriver} (.ci/run installs both), never a downloaded browser. Register it as
 * a static field after the server. Pages are reused: the browser stays logged in for the whole class.
 *
 * <p>Without Chromium the tests are skipped, unless {@value #REQUIRED} is {@code true} (.ci/run sets it), when they
 * fail. {@value #CHROMIUM} and {@value #CHROMEDRIVER} name other executables. Screenshots go to
 * {@code target/heartbeat-screenshots/}, and also to the directory the system property {@value #SCREENSHOTS}
 * names ({@code -Dheartbeat.screenshots=$PWD/docs/heartbeat} refreshes the ones in the docs).
 */
public final class HeartbeatBrowser implements BeforeAllCallback, AfterAllCallback {

    static final String REQUIRED = "FLOWSERVER_TEST_BROWSER_REQUIRED";
    static final String CHROMIUM = "FLOWSERVER_TEST_CHROMIUM";
    static final String CHROMEDRIVER = "FLOWSERVER_TEST_CHROMEDRIVER";
    static final String SCREENSHOTS = "heartbeat.screenshots";
    private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);
    static final Dimension WINDOW = new Dimension(1280, 900);

    private final FlowServerExtension server;
    private ChromeDriver driver;

    private HeartbeatBrowser(FlowServerExtension server) {
        this.server = server;
    }

    public static HeartbeatBrowser on(FlowServerExtension server) {
        return new HeartbeatBrowser(server);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path chromium = executable(CHROMIUM, DEFAULT_CHROMIUM);
        Path chromedriver = executable(CHROMEDRIVER, DEFAULT_CHROMEDRIVER);
        Optional<String> missing = missing(chromium, chromedriver);
        if (missing.isPresent()) {
            if ("true".equalsIgnoreCase(System.getenv().getOrDefault(REQUIRED, "").trim())) {
                throw new IllegalStateException(missing.get());
            }
            Assumptions.abort(missing.get());
        }
        // Selenium warns that it has no DevTools classes for this Chromium's version; the tests use none.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--lang=en-US", "--hide-scrollbars",
                "--force-color-profile=srgb", "--window-size=" + WINDOW.width + "," + WINDOW.height);
        // The driver's executable is given, so Selenium Manager never runs (it would download one).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    private static Path executable(String variable, Path fallback) {
        String named = System.getenv(variable);
        return named == null || named.isBlank() ? fallback : Path.of(named.trim());
    }

    private static Optional<String> missing(Path chromium, Path chromedriver) {
        for (Path path : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(path)) {
                return Optional.of("The browser tests need Debian's chromium and chromium-driver, but '" + path
                        + "' is not an executable: run 'apt-get install chromium chromium-driver' (.ci/run does), "
                        + "or set " + CHROMIUM + " and " + CHROMEDRIVER);
            }
        }
        return Optional.empty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a view of Heartbeat ({@code "#/flows"}), logging in as the administrator first if asked to. */
    public void open(String view) {
        driver.get("http://127.0.0.1:" + server.port() + "/heartbeat/" + view);
        until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")),
                ExpectedConditions.visibilityOfElementLocated(By.id("session"))));
        if (!driver.findElements(By.id("login-name")).isEmpty()) {
            logIn();
        }
    }

    /** Logs in as the administrator on the login form. */
    public void logIn() {
        screenshot("login");
        driver.findElement(By.id("login-name")).sendKeys("admin");
        driver.findElement(By.id("login-password")).sendKeys(FlowServerExtension.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("session")));
    }

    /** Waits until a condition holds (up to 15 s); fails the test with what it waited for otherwise. */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).until(condition);
    }

    /** The element, once it is visible. */
    public WebElement visible(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The elements, once there is at least one. */
    public List<WebElement> all(By locator) {
        return until(ExpectedConditions.numberOfElementsToBeMoreThan(locator, 0));
    }

    /** Scrolls the page so that the element is in the middle of the window. */
    public void scrollTo(By locator) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(locator));
    }

    public void scrollToTop() {
        driver.executeScript("window.scrollTo(0, 0)");
    }

    /** Shows the page as with the system's colour scheme set to {@code scheme} ("light" or "dark"). */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves a screenshot of the page as {@code name.png} (see the class comment for where). */
    public void screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Path target = Path.of("target", "heartbeat-screenshots");
            Files.createDirectories(target);
            Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            String docs = System.getProperty(SCREENSHOTS);
            if (docs != null && !docs.isBlank()) {
                Path directory = Path.of(docs);
                Files.createDirectories(directory);
                Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The screenshot '" + name + "' cannot be saved", e);
        } finally {
            shot.delete();
        }
    }
}
