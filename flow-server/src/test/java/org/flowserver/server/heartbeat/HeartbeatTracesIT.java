package org.flowserver.server.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Heartbeat's trace list and message detail in a real browser. */
class HeartbeatTracesIT {

    @RegisterExtension
    @Order(1)
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();
    @RegisterExtension
    @Order(2)
    static final HeartbeatBrowser BROWSER = HeartbeatBrowser.on(SERVER);

    private static final int BULK = 27;
    private static String failedId;

    @BeforeAll
    static void sendMessages() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.name("Order intake"))
                .setExchangeProperty("set-status", "httpResponseCode", "201")
                .map("check-stock", m -> m.mapSpec("payload.qty > 10 ? $error('Only 10 in stock') : payload")
                        .retainPayloadOnFailure(true).payloadArchivingStrategy(a -> { }))));
        SERVER.deployOk(Flow.define("bulk", f -> f.ownerId("acme").restApi("bulk-in")));
        order("order-4710", 1);
        failedId = order("order-4711", 50).header("X-Message-Id");
        order("order-4712", 2);
        for (int i = 0; i < BULK; i++) {
            SERVER.request().get("/acme/rs/bulk");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.request().get("/api/traces?limit=100").jsonPath()
                .getList("traces").size() == 3 + BULK);
    }

    private static io.restassured.response.Response order(String correlationId, int qty) {
        return SERVER.request().header("X-Correlation-Id", correlationId).contentType("application/json")
                .body("{\"item\": \"book\", \"qty\": " + qty + "}").post("/acme/rs/orders");
    }

    @Test
    void filteringByStateFindsAFailedMessageAndItsDetailShowsTheErrorAndTheFailingProcessor() {
        // given
        BROWSER.open("#/traces");
        BROWSER.all(By.cssSelector("#traces-table tbody tr"));

        // when
        BROWSER.visible(By.cssSelector("input[data-state=FAILED]")).click();
        BROWSER.driver().findElement(By.id("apply-filters")).click();

        // then
        BROWSER.until(ExpectedConditions.urlContains("state=FAILED"));
        List<WebElement> rows = BROWSER.until(driver -> {
            List<WebElement> shown = driver.findElements(By.cssSelector("#traces-table tbody tr"));
            return shown.size() == 1 ? shown : null;
        });
        assertThat(rows.get(0).getAttribute("data-message")).isEqualTo(failedId);
        assertThat(rows.get(0).getText()).contains("acme/orders", "Failed", "order-4711");
        assertThat(BROWSER.driver().findElement(By.id("download-csv")).getAttribute("href"))
                .contains("/api/traces/export?", "state=FAILED");
        BROWSER.screenshot("traces");

        rows.get(0).findElement(By.cssSelector("a.message-link")).click();
        assertThat(BROWSER.visible(By.id("trace-error")).getText()).contains("Only 10 in stock");
        assertThat(BROWSER.visible(By.id("failing-processor")).getText()).isEqualTo("check-stock");
        assertThat(BROWSER.visible(By.cssSelector("tr[data-processor=set-status]")).getAttribute("data-outcome"))
                .isEqualTo("COMPLETED");
        assertThat(BROWSER.visible(By.cssSelector("tr[data-processor=check-stock]")).getAttribute("data-outcome"))
                .isEqualTo("FAILED");
        WebElement archive = BROWSER.visible(By.cssSelector("details[data-archive=check-stock]"));
        archive.findElement(By.tagName("summary")).click();
        assertThat(archive.findElement(By.tagName("pre")).getText()).contains("\"qty\": 50");
        BROWSER.scrollToTop();
        BROWSER.screenshot("trace-detail");
    }

    @Test
    void pagesThroughTheTracesOfAFlowWithoutLosingItsFilters() {
        // given
        BROWSER.open("#/flows/acme/bulk/traces");
        assertThat(BROWSER.all(By.cssSelector("#traces-table tbody tr"))).hasSize(25);
        String newest = firstMessage();

        // when
        BROWSER.visible(By.id("next-page")).click();

        // then
        BROWSER.until(driver -> driver.findElements(By.cssSelector("#traces-table tbody tr")).size() == BULK - 25);
        assertThat(BROWSER.visible(By.id("page-number")).getText()).isEqualTo("Page 2");
        assertThat(BROWSER.driver().findElement(By.id("next-page")).isEnabled()).isFalse();
        assertThat(BROWSER.driver().findElements(By.cssSelector("#traces-table tbody tr")))
                .allSatisfy(row -> assertThat(row.getText()).contains("acme/bulk"));

        BROWSER.driver().findElement(By.id("previous-page")).click();
        BROWSER.until(driver -> driver.findElements(By.cssSelector("#traces-table tbody tr")).size() == 25);
        assertThat(firstMessage()).isEqualTo(newest);
        BROWSER.screenshot("flow-traces");
    }

    private static String firstMessage() {
        return BROWSER.visible(By.cssSelector("#traces-table tbody tr")).getAttribute("data-message");
    }
}
