package org.flowserver.server.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A flow's details in Heartbeat, in a real browser: its spec in plain English, and its API documentation. */
class HeartbeatFlowDetailsIT {

    @RegisterExtension
    @Order(1)
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();
    @RegisterExtension
    @Order(2)
    static final HeartbeatBrowser BROWSER = HeartbeatBrowser.on(SERVER);

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Orders, version: "1"}
            servers: [{url: "https://orders.example.com/v1"}]
            paths:
              /orders:
                get:
                  summary: List orders
                  responses: {"200": {description: the orders}}
                post:
                  summary: Place an order
                  requestBody:
                    required: true
                    content: {application/json: {schema: {type: object, properties: {qty: {type: integer}}}}}
                  responses: {"201": {description: placed}}
              /orders/{id}:
                get:
                  summary: One order
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses: {"200": {description: the order}}
            """;

    @BeforeAll
    static void deploy() {
        SERVER.uploadSpecOk("acme", "orders", SPEC);
        SERVER.deployOk(Flow.define("orders-dlq", f -> f.ownerId("acme").handoffSource("dead-letters")
                .log("log-failure", l -> l.expression("'order failed: ' & messageId"))));
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").description("Orders from the web shop")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest").access(Access.PUBLIC))
                .filter("only-books", "payload.item = 'book'")
                .setExchangeProperty("set-status", "httpResponseCode", "201")
                .map("to-reply", "{ 'received': payload.qty }")
                .deadLetterStrategy(d -> d.flowId("orders-dlq"))));
        SERVER.request().contentType("application/json").body("{\"item\": \"book\", \"qty\": 2}")
                .post("/acme/rs/orders/orders");
    }

    @Test
    void theDocumentationTabListsTheSpecsOperations() {
        // given
        BROWSER.open("#/flows/acme/orders");

        // when
        BROWSER.visible(By.id("tab-docs")).click();

        // then
        List<WebElement> operations = BROWSER.all(By.cssSelector("#swagger-ui .opblock"));
        assertThat(operations).extracting(operation -> operation.findElement(By.cssSelector(".opblock-summary-method"))
                .getText() + " " + operation.findElement(By.cssSelector(".opblock-summary-path")).getText()
                .replace("\u200B", ""))
                .containsExactly("GET /orders", "POST /orders", "GET /orders/{id}");
        String server = "http://127.0.0.1:" + SERVER.port() + "/acme/rs/orders";
        BROWSER.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#swagger-ui .servers"),
                server));
        assertThat(BROWSER.driver().findElement(By.cssSelector("#swagger-ui .servers")).getText())
                .doesNotContain("orders.example.com");
        BROWSER.scrollTo(By.cssSelector("#swagger-ui .servers"));
        BROWSER.screenshot("flow-documentation");
    }

    @Test
    void theFlowSpecTabSaysInPlainEnglishWhatTheFlowDoes() {
        // given
        BROWSER.open("#/flows/acme/orders/overview");
        BROWSER.visible(By.cssSelector("#flow-counts a[data-count=total]"));
        BROWSER.screenshot("flow-overview");

        // when: the arrow key moves from the Overview tab to the next one
        BROWSER.visible(By.id("tab-overview")).sendKeys(Keys.ARROW_RIGHT);

        // then
        BROWSER.until(ExpectedConditions.urlContains("/spec"));
        assertThat(BROWSER.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("tab-spec");
        assertThat(BROWSER.visible(By.id("summary-pattern")).getText())
                .isEqualTo("Request and response: the caller waits for the flow's answer.");
        assertThat(BROWSER.visible(By.id("summary-source")).getText())
                .contains("at /acme/rs/orders/… for the operations of the OpenAPI spec OpenAPIv3:orders:1")
                .contains("Anyone may call it, without credentials.");
        assertThat(BROWSER.driver().findElements(By.cssSelector("#summary-processors li")))
                .extracting(WebElement::getText).containsExactly(
                        "only-books: lets the message go on only when payload.item = 'book' is true; otherwise the "
                                + "flow ends there and answers with the payload as it is.",
                        "set-status: sets the exchange property httpResponseCode to 201.",
                        "to-reply: maps the payload with { 'received': payload.qty }.");
        assertThat(BROWSER.visible(By.id("summary-dead-letter")).getText()).isEqualTo("A message that fails is "
                + "handed to the dead-letter flow orders-dlq; a request that fails preprocessing is not.");
        assertThat(BROWSER.driver().findElements(By.cssSelector("#processor-graph g[data-processor]")))
                .extracting(node -> node.getAttribute("data-processor"))
                .containsExactly("orders-in", "only-books", "set-status", "to-reply");
        BROWSER.screenshot("flow-spec");
    }
}
