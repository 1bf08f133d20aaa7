package org.flowserver.processors.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationRouterTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths:
              /users/{id}: {parameters: [{name: id, in: path, required: true, schema: {type: string}}],
                            get: {operationId: user, responses: {"200": {description: ok}}},
                            delete: {operationId: drop, responses: {"204": {description: ok}}}}
              /users/{id}/avatar.{ext}: {parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: ext, in: path, required: true, schema: {type: string}}],
                                         get: {operationId: avatar, responses: {"200": {description: ok}}}}
              /users/me: {get: {operationId: me, responses: {"200": {description: ok}}}}
              "/caf\u00e9/jobs:batch": {get: {operationId: encoded, responses: {"200": {description: ok}}}}
              /users/me/settings: {get: {operationId: settings, responses: {"200": {description: ok}}}}
              /{a}/x/{b}: {parameters: [{name: a, in: path, required: true, schema: {type: string}}, {name: b, in: path, required: true, schema: {type: string}}],
                           get: {responses: {"200": {description: ok}}}}
              /{param}/operation: {parameters: [{name: param, in: path, required: true, schema: {type: string}}],
                                   get: {responses: {"200": {description: ok}}}}
            """;

    private final OpenApiEndpoint endpoint = OpenApiEndpoint.build(ApiSpecLoader.load(SPEC), false);

    @Test
    void literalBeforeMixedBeforeParameter() {
        assertThat(operationId("GET", "users", "me")).isEqualTo("me");
        assertThat(operationId("GET", "users", "42")).isEqualTo("user");
        assertThat(operationId("GET", "users", "42", "avatar.png")).isEqualTo("avatar");
    }

    @Test
    void backtracksWhenTheLiteralBranchLeadsNowhere() {
        // "me" is literal under /users, but only /users/{id}/avatar.{ext} has a third segment
        assertThat(operationId("GET", "users", "me", "avatar.png")).isEqualTo("avatar");
        assertThat(found("GET", "users", "me", "avatar.png").rawPathParameters())
                .isEqualTo(Map.of("id", "me", "ext", "png"));
        assertThat(operationId("GET", "users", "me", "settings")).isEqualTo("settings");
    }

    @Test
    void literalsMatchTheirDecodedText() {
        assertThat(operationId("GET", "caf%C3%A9", "jobs%3Abatch")).isEqualTo("encoded");
        assertThat(operationId("GET", "café", "jobs:batch")).isEqualTo("encoded");
    }

    @Test
    void defaultOperationIdFollowsTheSeed() {
        assertThat(operationId("GET", "v1", "operation")).isEqualTo("param_operation-GET");
        assertThat(operationId("GET", "p", "x", "q")).isEqualTo("a_x_b-GET");
    }

    @Test
    void headFallsBackToGetAndOtherMethodsAreNotAllowed() {
        assertThat(operationId("HEAD", "users", "me")).isEqualTo("me");
        assertThat(endpoint.route(List.of("users", "7"), "PATCH"))
                .isEqualTo(new OperationRouter.Route.MethodNotAllowed("GET, HEAD, DELETE"));
        assertThat(endpoint.route(List.of("nothing"), "GET")).isEqualTo(new OperationRouter.Route.NotFound());
        assertThat(endpoint.route(List.of(), "GET")).isEqualTo(new OperationRouter.Route.NotFound());
    }

    private String operationId(String method, String... segments) {
        return found(method, segments).operation().operationId();
    }

    private OperationRouter.Route.Found found(String method, String... segments) {
        return (OperationRouter.Route.Found) endpoint.route(List.of(segments), method);
    }
}
