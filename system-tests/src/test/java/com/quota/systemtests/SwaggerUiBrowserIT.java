package com.quota.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** The gateway's one Swagger UI, in a real (headless) browser: every service's API is there to read and try. */
@Order(3)
class SwaggerUiBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "Debian's chromium and chromium-driver are needed (apt-get install -y chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + "; .ci/run installs them");
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no background traffic: this machine reaches nothing outside
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("quota-chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void swaggerUiOffersEveryServiceAndShowsItsOperations() throws IOException {
        try {
            readEveryServicesApi();
        } catch (RuntimeException | AssertionError e) {
            // what the page showed, for whoever reads the failure
            Path shot = Path.of("target", "swagger-ui-failure.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            throw new AssertionError("Swagger UI check failed; screenshot " + shot.toAbsolutePath(), e);
        }
    }

    private void readEveryServicesApi() {
        browser.get(RunningStack.gateway("/swagger-ui.html").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        Select definitions = new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".topbar select"))));

        List<String> offered = definitions.getOptions().stream().map(WebElement::getText).toList();
        assertThat(offered).containsExactlyInAnyOrder("target", "pipeline", "contract", "performance");

        for (String service : offered) {
            choose(service, wait);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info .title"),
                    "Quota " + service + "-service"));
        }

        choose("target", wait);
        WebElement me = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".opblock-summary-path[data-path='/api/org/me']")));
        assertThat(me.getText()).contains("/api/org/me");
        assertThat(browser.findElement(By.cssSelector(".btn.authorize")).isDisplayed())
                .as("a bearer token can be entered").isTrue();
    }

    /** Picks an API definition once the UI has finished loading the previous one (it disables the list meanwhile). */
    private static void choose(String service, WebDriverWait wait) {
        WebElement list = wait.until(d -> {
            WebElement select = d.findElement(By.cssSelector(".topbar select"));
            return select.isEnabled() ? select : null;
        });
        new Select(list).selectByVisibleText(service);
    }
}
