package com.quota.systemtests;

import com.quota.localstack.apps.App;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity end to end: real tokens from auth-server, checked by the gateway and again by every service. */
@Order(2)
class IdentityIT {

    private static final String ME = "/api/org/me";

    @Test
    void aRepsTokenFromARealLoginReachesTheServiceThroughTheGateway() {
        HttpResponse<String> response = Http.get(RunningStack.gateway(ME), StackTokens.user("rep.li"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = Http.json(response);
        assertThat(me.get("sub").asString()).isEqualTo("rep.li");
        assertThat(me.get("repId").asString()).isEqualTo(StackTokens.personId("rep.li").toString());
        assertThat(me.get("roles").toString()).contains("REP");
    }

    @Test
    void anAdminHasNoRepId() {
        JsonNode me = Http.json(Http.get(RunningStack.gateway(ME), StackTokens.user("admin")));

        assertThat(me.get("roles").toString()).contains("ADMIN");
        assertThat(me.path("repId").isNull() || me.path("repId").isMissingNode()).isTrue();
    }

    @Test
    void anIntegrationsClientCredentialsTokenReachesTheService() {
        HttpResponse<String> response = Http.get(RunningStack.gateway(ME),
                StackTokens.integration("crm-sync", "opportunities.write"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = Http.json(response);
        assertThat(me.get("roles").toString()).contains("INTEGRATION");
        assertThat(me.get("scopes").toString()).contains("opportunities.write");
    }

    @Test
    void noTokenIsRefusedAtTheGatewayWithAProblem() {
        HttpResponse<String> response = Http.get(RunningStack.gateway(ME));

        assertUnauthorizedProblem(response);
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("malformed", (Supplier<String>) () -> "not-a-jwt"),
                Arguments.of("expired", (Supplier<String>) StackTokens::expired),
                Arguments.of("signed by another key", (Supplier<String>) () ->
                        com.quota.testsupport.security.TestTokens.admin()),
                Arguments.of("other issuer", (Supplier<String>) StackTokens::fromOtherIssuer),
                Arguments.of("unknown role", (Supplier<String>) () -> StackTokens.withRoles("SUPERUSER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedAtTheGateway(String what, Supplier<String> token) {
        assertUnauthorizedProblem(Http.get(RunningStack.gateway(ME), token.get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedByTheServiceDirectly(String what, Supplier<String> token) {
        assertUnauthorizedProblem(Http.get(RunningStack.uri(App.TARGET_SERVICE, ME), token.get()));
    }

    @ParameterizedTest
    @EnumSource(value = App.class, names = {"TARGET_SERVICE", "PIPELINE_SERVICE", "CONTRACT_SERVICE", "PERFORMANCE_SERVICE"})
    void everyServiceRefusesARequestThatBypassesTheGatewayWithoutAToken(App app) {
        assertUnauthorizedProblem(Http.get(RunningStack.uri(app, "/actuator/metrics")));
        assertUnauthorizedProblem(Http.get(RunningStack.uri(app, "/api/anything")));
    }

    @ParameterizedTest
    @EnumSource(value = App.class, names = {"TARGET_SERVICE", "PIPELINE_SERVICE", "CONTRACT_SERVICE", "PERFORMANCE_SERVICE"})
    void aRoleThatMayNotCallAnEndpointGetsForbiddenAsAProblem(App app) {
        HttpResponse<String> asRep = Http.get(RunningStack.uri(app, "/actuator/metrics"), StackTokens.user("rep.li"));
        HttpResponse<String> asAdmin = Http.get(RunningStack.uri(app, "/actuator/metrics"), StackTokens.user("admin"));

        assertThat(asRep.statusCode()).isEqualTo(403);
        assertThat(Http.contentType(asRep)).startsWith("application/problem+json");
        assertThat(asAdmin.statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledClientGetsNoNewTokenAndAnEnabledOneDoesAgain() {
        String admin = StackTokens.integrationAdmin();
        URI clients = RunningStack.uri(App.AUTH_SERVER, "/admin/clients/erp-finance/");
        try {
            assertThat(post(clients.resolve("disable"), admin).statusCode()).isEqualTo(200);
            assertThat(StackTokens.tokenEndpointStatus("erp-finance")).isEqualTo(401);
        } finally {
            assertThat(post(clients.resolve("enable"), admin).statusCode()).isEqualTo(200);
        }
        assertThat(StackTokens.tokenEndpointStatus("erp-finance")).isEqualTo(200);
    }

    static HttpResponse<String> post(URI uri, String token) {
        return Http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static void assertUnauthorizedProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(Http.json(response).get("status").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception");
    }
}
