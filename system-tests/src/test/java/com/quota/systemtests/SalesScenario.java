package com.quota.systemtests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small sales organisation built through the public API, as a client of the product would: a company, a region,
 * a team and a rep (target-service), a pipeline, an account, deals and wins (pipeline-service). Each call names the
 * base URI it goes to (the gateway, or one instance of a service directly).
 */
final class SalesScenario {

    static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** The ids of the organisation: rep in team in region in company. */
    record Org(String run, UUID company, UUID region, UUID team, UUID rep) {

        List<String> ownersBottomUp() {
            return List.of("reps/" + rep, "units/" + team, "units/" + region, "units/" + company);
        }
    }

    private SalesScenario() {
    }

    static LocalDate today() {
        return LocalDate.now(COMPANY_ZONE);
    }

    /** Creates the org tree (target-service owns it; the other services get their copy over Kafka). */
    static Org org(URI targetService, String admin) {
        Org org = new Org(UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID());
        putUnit(targetService, admin, org.company(), null, "COMPANY", "ST-" + org.run());
        putUnit(targetService, admin, org.region(), org.company(), "REGION", "ST-R-" + org.run());
        putUnit(targetService, admin, org.team(), org.region(), "TEAM", "ST-T-" + org.run());
        succeeds(send(targetService, "PUT", "/api/org/reps/" + org.rep(), admin, body("username", "rep.st." + org.run(),
                "displayName", "Rep " + org.run(), "role", "REP", "unitId", org.team(), "title", "Account Executive",
                "validFrom", "2025-01-01"), Map.of()));
        return org;
    }

    /** A pipeline with two open stages and the closing ones; its id. */
    static String pipeline(URI pipelineService, String admin, Org org) {
        return created(send(pipelineService, "POST", "/api/pipelines", admin, body("externalRef", "ST-PIPE-" + org.run(),
                "name", "Pipeline " + org.run(), "stages", List.of(
                        stage("QUALIFICATION", 25, "PIPELINE", 21, null),
                        stage("NEGOTIATION", 75, "COMMIT", 14, null),
                        stage("WON", 100, "COMMIT", 0, "WON"),
                        stage("LOST", 0, "OMITTED", 0, "LOST"))), Map.of())).get("id").asString();
    }

    /** An account owned by the rep, once the rep has reached pipeline-service's copy of the tree; its id. */
    static String account(URI pipelineService, String crm, Org org) {
        return awaitKnown(() -> send(pipelineService, "POST", "/api/accounts", crm, body("externalRef", "ST-ACC-" + org.run(),
                "name", "Customer " + org.run(), "segment", "ENTERPRISE", "ownerRepId", org.rep()), Map.of()))
                .get("id").asString();
    }

    /** A deal of the rep alone, in CNY (the reporting currency), won today. */
    static void winDeal(URI pipelineService, String crm, Org org, String pipeline, String account, String ref, BigDecimal amount) {
        String deal = awaitKnown(() -> send(pipelineService, "POST", "/api/opportunities", crm, body("externalRef", ref,
                "accountId", account, "pipelineId", pipeline, "title", "Deal " + ref,
                "amount", body("amount", amount.toPlainString(), "currency", "CNY"), "expectedCloseDate", today(),
                "owners", List.of(body("repId", org.rep(), "splitPercent", "100", "primary", true)),
                "stage", "NEGOTIATION"), Map.of())).get("id").asString();
        succeeds(send(pipelineService, "POST", "/api/opportunities/" + deal + "/win", crm, body("closeDate", today()), Map.of()));
    }

    /** Waits until the owner's BOOKINGS actual for this fiscal year (calendar year: the stack's company) is the amount. */
    static void awaitBookings(URI targetService, String token, String owner, BigDecimal expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> response = send(targetService, "GET", "/api/attainment/" + owner + bookingsQuery(), token, null, Map.of());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(new BigDecimal(Http.json(response).get("actual").get("amount").asString())).as(owner)
                    .isEqualByComparingTo(expected);
        });
    }

    static String bookingsQuery() {
        return "?metric=BOOKINGS&period=FY" + today().getYear() + "&asOf=" + today();
    }

    private static void putUnit(URI targetService, String admin, UUID id, UUID parent, String type, String code) {
        succeeds(send(targetService, "PUT", "/api/org/units/" + id, admin, body("code", code, "name", code, "type", type,
                "parentId", parent, "managerId", null, "validFrom", "2025-01-01"), Map.of()));
    }

    private static Map<String, Object> stage(String code, int probability, String category, int days, String closedAs) {
        return body("code", code, "name", code.charAt(0) + code.substring(1).toLowerCase(), "probability", probability,
                "forecastCategory", category, "expectedDays", days, "closedAs", closedAs);
    }

    /** Retries while the service answers 422 because the rep has not reached its copy of the org tree yet. */
    static JsonNode awaitKnown(Supplier<HttpResponse<String>> call) {
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = call.get();
            return last[0].statusCode() != 422;
        });
        return created(last[0]);
    }

    static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(201);
        return Http.json(response);
    }

    static void succeeds(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isBetween(200, 299);
    }

    /** A call with a token, a JSON body when there is one, and a fresh Idempotency-Key. */
    static HttpResponse<String> send(URI base, String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return Http.send(request);
    }

    static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            body.put((String) keyValues[i], value instanceof UUID || value instanceof LocalDate ? value.toString() : value);
        }
        return body;
    }
}
