package org.flowserver.server.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Heartbeat's overview and flow list in a real browser: live counts, and disabling and enabling a flow. */
class HeartbeatOverviewIT {

    @RegisterExtension
    @Order(1)
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();
    @RegisterExtension
    @Order(2)
    static final HeartbeatBrowser BROWSER = HeartbeatBrowser.on(SERVER);

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").description("Takes orders from the web shop")
                .restApi("orders-in").map("maybe-fail", "payload.fail ? $error('Order rejected by rule R7') : payload")));
        SERVER.deployOk(Flow.define("invoices", f -> f.ownerId("acme").restApi("invoices-in")));
        SERVER.deployOk(Flow.define("billing", f -> f.ownerId("globex").restApi("billing-in")));
        // Some traffic before the tests, so that every page has something to show.
        for (int i = 0; i < 6; i++) {
            post("/acme/rs/orders", "{\"id\": " + i + ", \"fail\": " + (i == 3) + "}");
            post("/globex/rs/billing", "{}");
        }
        post("/acme/rs/invoices", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.request().get("/api/stats").jsonPath()
                .getInt("total") == 13);
    }

    @Test
    void theOverviewCountsChangeAfterRequestsToAFlow() {
        // given
        BROWSER.open("#/overview");
        long total = count("total");
        long failed = count("failed");
        new Select(BROWSER.visible(By.id("auto-refresh"))).selectByValue("5");

        // when
        post("/acme/rs/orders", "{\"id\": 1}");
        post("/acme/rs/orders", "{\"id\": 2}");
        post("/acme/rs/orders", "{\"id\": 3, \"fail\": true}");
        post("/globex/rs/billing", "{}");

        // then
        BROWSER.until(driver -> count("total") == total + 4 && count("failed") == failed + 1);
        assertThat(BROWSER.visible(By.id("latest-failures")).getText()).contains("acme/orders")
                .contains("Processor 'maybe-fail' (map) failed: Order rejected by rule R7");
        BROWSER.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("svg.chart rect.bar-failed"), 0));
        BROWSER.screenshot("overview");

        BROWSER.driver().findElement(By.cssSelector("a[data-count=failed]")).click();
        BROWSER.until(ExpectedConditions.urlContains("#/traces?state=FAILED"));
        assertThat(BROWSER.visible(By.cssSelector("input[data-state=FAILED]")).isSelected()).isTrue();
        new Select(BROWSER.driver().findElement(By.id("auto-refresh"))).selectByValue("0");
    }

    @Test
    void disablingAFlowThroughTheUiMakesItsEndpointAnswer503AndShowsTheBanner() {
        // given
        BROWSER.open("#/flows");
        WebElement row = BROWSER.visible(By.cssSelector("tr[data-flow='acme/invoices']"));
        BROWSER.screenshot("flows");

        // when
        row.findElement(By.cssSelector("button[data-action=disable]")).click();
        BROWSER.visible(By.cssSelector("button[data-action=confirm-disable]")).click();
        assertThat(BROWSER.visible(By.id("disable-error")).getText()).isEqualTo("A reason is required to disable a flow.");
        BROWSER.driver().findElement(By.id("disable-reason")).sendKeys("Supplier outage, ticket OPS-17");
        BROWSER.driver().findElement(By.cssSelector("button[data-action=confirm-disable]")).click();

        // then
        WebElement banner = BROWSER.visible(By.cssSelector("#flows-table [data-banner='acme/invoices']"));
        assertThat(banner.getText()).contains("acme/invoices is disabled")
                .contains("Reason: Supplier outage, ticket OPS-17").contains("by admin on ");
        SERVER.request().get("/acme/rs/invoices").then().statusCode(503)
                .body("message", equalTo("Request rejected because the endpoint has been disabled."));

        BROWSER.open("#/flows/acme/invoices");
        assertThat(BROWSER.visible(By.cssSelector("#flow-state [data-banner='acme/invoices']")).getText())
                .contains("Reason: Supplier outage, ticket OPS-17");
        BROWSER.open("#/overview");
        BROWSER.visible(By.cssSelector(".banners [data-banner='acme/invoices']"));
        BROWSER.open("#/flows/acme/invoices");
        BROWSER.visible(By.cssSelector("#flow-state [data-banner='acme/invoices']"));
        BROWSER.screenshot("flow-disabled");

        BROWSER.visible(By.cssSelector("#flow-actions button[data-action=enable]")).click();
        BROWSER.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#flow-state [data-banner]")));
        SERVER.request().get("/acme/rs/invoices").then().statusCode(200);
    }

    @Test
    void aWrongPasswordIsRefusedOnTheLoginFormAndLoggingOutBringsTheFormBack() {
        // given
        BROWSER.open("#/overview");

        // when
        BROWSER.driver().findElement(By.id("logout")).click();
        BROWSER.until(driver -> "You are logged out.".equals(driver.findElement(By.id("login-error")).getText()));
        BROWSER.driver().findElement(By.id("login-name")).sendKeys("admin");
        BROWSER.driver().findElement(By.id("login-password")).sendKeys("not-the-password");
        BROWSER.driver().findElement(By.cssSelector("form.login button[type=submit]")).click();

        // then
        BROWSER.until(driver -> "The name or the password is wrong"
                .equals(driver.findElement(By.id("login-error")).getText()));
        assertThat(BROWSER.driver().findElement(By.id("session")).isDisplayed()).isFalse();
        BROWSER.driver().findElement(By.id("login-name")).clear();
        BROWSER.driver().findElement(By.id("login-password")).clear();
        BROWSER.logIn();
    }

    @Test
    void aCustomRangeShowsTheCountsOfThatRange() {
        // given
        BROWSER.open("#/overview");
        BROWSER.visible(By.cssSelector("a[data-count=total]"));
        new Select(BROWSER.visible(By.id("range"))).selectByValue("custom");

        // when
        setInput("range-from", "2020-01-02T00:00");
        setInput("range-to", "2020-01-01T00:00");
        BROWSER.visible(By.id("range-apply")).click();
        String refused = BROWSER.visible(By.id("range-error")).getText();
        setInput("range-to", "2020-01-03T00:00");
        BROWSER.driver().findElement(By.id("range-apply")).click();

        // then
        assertThat(refused).isEqualTo("The custom range must start before it ends.");
        BROWSER.until(ExpectedConditions.urlContains("range=custom"));
        BROWSER.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("svg.chart"),
                "No messages in this range"));
        assertThat(count("total")).isZero();
        assertThat(BROWSER.driver().findElement(By.id("chart")).getText()).contains("2020-01-02 00:00 to 2020-01-03 00:00");
    }

    @Test
    void searchesFlowsByIdAndGroupsThemByOwner() {
        // given
        BROWSER.open("#/flows");
        BROWSER.visible(By.cssSelector("tr[data-flow='globex/billing']"));

        // when
        BROWSER.driver().findElement(By.id("flow-search")).sendKeys("INV");
        List<String> found = flowRows();
        BROWSER.driver().findElement(By.id("flow-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        BROWSER.driver().findElement(By.id("group-by-owner")).click();

        // then
        assertThat(found).containsExactly("acme/invoices");
        assertThat(BROWSER.all(By.cssSelector("#flows-table tr.group"))).extracting(WebElement::getText)
                .containsExactly("acme (2 flows)", "globex (1 flow)");
        assertThat(flowRows()).containsExactly("acme/invoices", "acme/orders", "globex/billing");
        assertThat(BROWSER.driver().getCurrentUrl()).endsWith("#/flows?group=owner");
    }

    @Test
    void fitsANarrowScreenWithoutScrollingSideways() {
        // given
        BROWSER.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            // when
            BROWSER.open("#/overview");
            BROWSER.visible(By.cssSelector("a[data-count=total]"));

            // then
            Object overflow = BROWSER.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            BROWSER.screenshot("overview-narrow");
        } finally {
            BROWSER.driver().manage().window().setSize(HeartbeatBrowser.WINDOW);
        }
    }

    @Test
    void followsTheSystemsDarkColourScheme() {
        // given
        BROWSER.open("#/overview");
        BROWSER.visible(By.cssSelector("a[data-count=total]"));

        // when
        BROWSER.colorScheme("dark");

        // then
        try {
            assertThat(BROWSER.driver().findElement(By.tagName("body")).getCssValue("background-color"))
                    .isEqualTo("rgba(20, 23, 27, 1)");
            BROWSER.screenshot("overview-dark");
        } finally {
            BROWSER.colorScheme("light");
        }
    }

    private static List<String> flowRows() {
        return BROWSER.driver().findElements(By.cssSelector("#flows-table tr[data-flow]")).stream()
                .map(row -> row.getAttribute("data-flow")).toList();
    }

    /** Sets an input as a person would (datetime-local fields take keys in the browser's own order). */
    private static void setInput(String id, String value) {
        BROWSER.driver().executeScript("arguments[0].value = arguments[1]", BROWSER.visible(By.id(id)), value);
    }

    private static long count(String name) {
        String text = BROWSER.visible(By.cssSelector("a[data-count=" + name + "] .tile-value")).getText();
        return Long.parseLong(text.replace(",", ""));
    }

    private static void post(String path, String body) {
        SERVER.request().contentType("application/json").body(body).post(path);
    }
}
