package org.flowserver.server.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
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

    private static long count(String name) {
        String text = BROWSER.visible(By.cssSelector("a[data-count=" + name + "] .tile-value")).getText();
        return Long.parseLong(text.replace(",", ""));
    }

    private static void post(String path, String body) {
        SERVER.request().contentType("application/json").body(body).post(path);
    }
}
