package com.quota.targets.definition.web;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Historical actuals (JSON and CSV, all rows or none) feeding HISTORY allocation with the newcomer floor and the
 * MOVING_AVERAGE draft; seasonal profiles CRUD; a year's targets imported from CSV (all or none) and exported streamed.
 */
class PlanningDataIT extends TargetApiITSupport {

    @Test
    void historyAllocationWeighsByLastYearsActualsAndGivesANewcomerTheFloor() {
        loadActuals(org.repA1, "50000.00");
        loadActuals(org.repA2, "25000.00");
        get(TestTokens.admin(), "/api/targets/historical-actuals?ownerId=" + org.repA1 + "&metric=BOOKINGS&fiscalYear=2025")
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(12);
        String director = TestTokens.director(org.director);
        String team = id(create(director, target("UNIT", org.teamA, "1200000.00")));

        post(director, "/api/targets/" + team + "/allocations", null, Map.of("method", "HISTORY", "newcomerFloor", "100000",
                "preview", true, "children", List.of(TargetAllocationIT.child("REP", org.repA1, null, null),
                        TargetAllocationIT.child("REP", org.repA2, null, null), TargetAllocationIT.child("REP", org.managerA, null, null))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.children[0].levels[0].annual").isEqualTo("720000.00")
                .jsonPath("$.children[1].levels[0].annual").isEqualTo("360000.00")
                .jsonPath("$.children[2].levels[0].annual").isEqualTo("120000.00");
    }

    @Test
    void aMovingAverageDraftComesFromTheActuals() {
        loadActuals(org.repA1, "50000.00");
        String director = TestTokens.director(org.director);
        String id = id(create(director, target("REP", org.repA1, "1.00")));
        post(director, "/api/targets/" + id + "/distribution", "\"1\"", Map.of("method", "MOVING_AVERAGE", "n", 3, "growthPercent", "10"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.levels[0].annual").isEqualTo("660000.00")
                .jsonPath("$.levels[0].months[0].amount").isEqualTo("55000.00")
                .jsonPath("$.status").isEqualTo("DRAFT");
    }

    @Test
    void aCsvOfActualsWithABadRowLoadsNothing() {
        String csv = "ownerType,ownerId,metric,fiscalYear,month,amount\n"
                + "REP," + org.repB1 + ",BOOKINGS,2025,1,100.00\n"
                + "REP," + org.repB1 + ",BOOKINGS,2025,13,-5\n"
                + "REP," + UUID.randomUUID() + ",BOOKINGS,2025,2,100.00\n";
        csv(TestTokens.admin(), "/api/targets/historical-actuals", csv).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "import-rows-invalid")
                .jsonPath("$.errors[0].row").isEqualTo(3)
                .jsonPath("$.errors[0].field").isEqualTo("month")
                .jsonPath("$.errors[1].field").isEqualTo("amount");
        String unknownOwner = "ownerType,ownerId,metric,fiscalYear,month,amount\n"
                + "REP," + org.repB1 + ",BOOKINGS,2025,1,100.00\n"
                + "REP," + UUID.randomUUID() + ",BOOKINGS,2025,2,100.00\n";
        csv(TestTokens.admin(), "/api/targets/historical-actuals", unknownOwner).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].row").isEqualTo(3).jsonPath("$.errors[0].field").isEqualTo("ownerId");
        get(TestTokens.admin(), "/api/targets/historical-actuals?ownerId=" + org.repB1 + "&metric=BOOKINGS&fiscalYear=2025")
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        csv(TestTokens.rep(org.repB1), "/api/targets/historical-actuals", unknownOwner).expectStatus().isForbidden();
    }

    @Test
    void seasonalProfilesAreManagedWithIfMatchAndUsedForDistribution() {
        String admin = TestTokens.admin();
        String name = "Q4-heavy-" + UUID.randomUUID();
        List<String> weights = List.of("1", "1", "2", "1", "1", "2", "1", "1", "2", "1", "1", "3");
        String profile = client.post().uri("/api/targets/profiles").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "weights", weights)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        post(admin, "/api/targets/profiles", null, Map.of("name", name, "weights", weights)).expectStatus().isEqualTo(409);
        post(admin, "/api/targets/profiles", null, Map.of("name", "zeros", "weights", List.of("0", "0", "0", "0", "0", "0",
                "0", "0", "0", "0", "0", "0"))).expectStatus().isBadRequest();
        put(admin, "/api/targets/profiles/" + profile, null, Map.of("name", name, "weights", weights)).expectStatus().isEqualTo(428);
        put(admin, "/api/targets/profiles/" + profile, "\"1\"", Map.of("name", name, "weights", weights)).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
        post(TestTokens.rep(org.repA1), "/api/targets/profiles", null, Map.of("name", "mine", "weights", weights)).expectStatus().isForbidden();

        String id = id(create(TestTokens.director(org.director), target("UNIT", org.teamB, "1200.00")));
        post(admin, "/api/targets/" + id + "/distribution", "\"1\"", Map.of("method", "PROFILE", "profileId", profile))
                .expectStatus().isOk().expectBody().jsonPath("$.levels[0].months[11].amount").isEqualTo("211.76");
        client.delete().uri("/api/targets/profiles/" + profile).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .header(HttpHeaders.IF_MATCH, "\"2\"").exchange().expectStatus().isNoContent();
        get(admin, "/api/targets/profiles/" + profile).expectStatus().isNotFound();
    }

    @Test
    void aTargetsCsvIsImportedWholeOrNotAtAllAndExportedStreamed() {
        String header = String.join(",", TargetCsvControllerHeader.HEADER) + "\n";
        String good1 = row("csv-" + UUID.randomUUID(), org.repA1, "120000.00", "");
        String good2 = row("csv-" + UUID.randomUUID(), org.repA2, "", "10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000");
        String bad = row("csv-" + UUID.randomUUID(), org.repB1, "12.00", "").replace("BOOKINGS", "HAPPINESS");
        String admin = TestTokens.admin();

        csv(admin, "/api/targets/import", header + good1 + bad).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "import-rows-invalid").jsonPath("$.errors[0].row").isEqualTo(3)
                .jsonPath("$.errors[0].field").isEqualTo("metric");
        String unknownOwner = row("csv-" + UUID.randomUUID(), UUID.randomUUID(), "12.00", "");
        csv(admin, "/api/targets/import", header + good1 + unknownOwner).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].row").isEqualTo(3).jsonPath("$.errors[0].field").isEqualTo("unknown-owner");
        list(admin, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);

        csv(admin, "/api/targets/import", header + good1 + good2).expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(2);
        String exported = get(admin, "/api/targets/export.csv?fiscalYear=2026&ownerId=" + org.repA2).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(exported.lines().toList()).hasSize(2);
        assertThat(exported.lines().toList().get(1)).contains(org.repA2.toString()).contains(",DRAFT,").contains(",120000.00,10000.00,");
        String repExport = get(TestTokens.rep(org.repA1), "/api/targets/export.csv?fiscalYear=2026").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(repExport.lines().skip(1).toList()).hasSize(1).allMatch(line -> line.contains(org.repA1.toString()));
    }

    /** The import header, as the controller declares it. */
    static final class TargetCsvControllerHeader {
        static final List<String> HEADER = List.of("externalRef", "fiscalYear", "metric", "ownerType", "ownerId", "productLine",
                "region", "channel", "customerSegment", "level", "annual", "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08",
                "m09", "m10", "m11", "m12");
    }

    private static String row(String ref, UUID rep, String annual, String months) {
        String monthPart = months.isEmpty() ? ",,,,,,,,,,," : months;
        return ref + ",2026,BOOKINGS,REP," + rep + ",,,,,TARGET," + annual + "," + monthPart + "\n";
    }

    private void loadActuals(UUID rep, String monthly) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            rows.add(Map.of("ownerType", "REP", "ownerId", rep, "metric", "BOOKINGS", "fiscalYear", 2025, "month", m, "amount", monthly));
        }
        post(TestTokens.admin(), "/api/targets/historical-actuals", null, Map.of("rows", rows)).expectStatus().isOk()
                .expectBody().jsonPath("$.rows").isEqualTo(12);
    }

    private WebTestClient.ResponseSpec csv(String token, String path, String body) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(body).exchange();
    }
}
