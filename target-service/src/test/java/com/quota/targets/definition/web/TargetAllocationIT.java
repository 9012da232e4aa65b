package com.quota.targets.definition.web;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocation (preview and save, months down the tree, ADDITIVE gap, weights all zero refused), distribution over
 * months and the bottom-up view, over HTTP.
 */
class TargetAllocationIT extends TargetApiITSupport {

    @Test
    void aPreviewAnswersTheAllocationAndSavesNothing() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "1200000.00")));

        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "RATIO", "mode", "ADDITIVE", "preview", true,
                "children", List.of(child("UNIT", org.teamA, "60", "5"), child("UNIT", org.teamB, "30", "0"),
                        child("REP", org.repB1, "10", "-10"))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.saved").isEqualTo(false)
                .jsonPath("$.children[0].levels[0].annual").isEqualTo("756000.00")
                .jsonPath("$.children[0].levels[0].months[0].amount").isEqualTo("63000.00")
                .jsonPath("$.children[1].levels[0].annual").isEqualTo("360000.00")
                .jsonPath("$.children[2].levels[0].annual").isEqualTo("108000.00")
                .jsonPath("$.gap.TARGET").isEqualTo("24000.00");
        list(TestTokens.admin(), "?ownerId=" + org.teamA).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void savedChildrenAddUpInEveryMonthAndTheBottomUpViewShowsTheGap() {
        String director = TestTokens.director(org.director);
        Map<String, Object> body = target("UNIT", org.region, "1000000.00");
        String region = id(create(director, body));

        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "RATIO",
                "children", List.of(child("UNIT", org.teamA, "63", null), child("UNIT", org.teamB, "30", null),
                        child("REP", org.repB1, "10", null))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.saved").isEqualTo(true)
                .jsonPath("$.gap.TARGET").isEqualTo("0.00")
                // M01 of 83,333.34 by 63/30/10
                .jsonPath("$.children[0].levels[0].months[0].amount").isEqualTo("50970.88")
                .jsonPath("$.children[1].levels[0].months[0].amount").isEqualTo("24271.85")
                .jsonPath("$.children[2].levels[0].months[0].amount").isEqualTo("8090.61");
        list(director, "?ownerId=" + org.teamA).expectBody().jsonPath("$.items[0].parentTargetId").isEqualTo(region);

        // the region's children are its teams; the rep of team B is not a direct child of the region
        get(director, "/api/targets/" + region + "/bottom-up").expectStatus().isOk().expectBody()
                .jsonPath("$.childTargets").isEqualTo(2)
                .jsonPath("$.year.topDown").isEqualTo("1000000.00")
                .jsonPath("$.months[0].figures.bottomUp").isEqualTo("75242.73")
                .jsonPath("$.months[0].figures.gap").isEqualTo("8090.61");

        get(director, "/api/targets/tree?unitId=" + org.region + "&period=FY2026-M01").expectStatus().isOk().expectBody()
                .jsonPath("$.targetId").isEqualTo(region)
                .jsonPath("$.topDown").isEqualTo(83333.34)
                .jsonPath("$.bottomUp").isEqualTo(75242.73)
                .jsonPath("$.children.length()").isEqualTo(2)
                // team A has its manager and two reps, team B one rep
                .jsonPath("$.children[*].children[*]").value(nodes -> assertThat((List<?>) nodes).hasSize(4));
        get(director, "/api/targets/tree?unitId=" + org.region + "&period=FY2026-Q1").expectStatus().isOk().expectBody()
                .jsonPath("$.levels.TARGET").isEqualTo(250000.02);
        get(director, "/api/targets/tree?unitId=" + org.region + "&period=2026-13").expectStatus().isBadRequest();
        get(TestTokens.manager(org.managerA), "/api/targets/tree?unitId=" + org.region + "&period=FY2026").expectStatus().isNotFound();
        get(TestTokens.manager(org.managerA), "/api/targets/tree?unitId=" + org.teamA + "&period=FY2026").expectStatus().isOk()
                .expectBody().jsonPath("$.levels.TARGET").isEqualTo(611650.48);
    }

    @Test
    void preferReturnMinimalAnswersTheSummaryAndAnAllocationAgainReplacesTheDraftsAmounts() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "1000000.00")));
        List<Map<String, Object>> children = List.of(child("UNIT", org.teamA, "63", null), child("UNIT", org.teamB, "30", null),
                child("REP", org.repB1, "10", null));

        client.post().uri("/api/targets/" + region + "/allocations").header(HttpHeaders.AUTHORIZATION, "Bearer " + director)
                .header("Prefer", "respond-async, return=minimal").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("method", "RATIO", "children", children))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Preference-Applied", "return=minimal")
                .expectBody()
                .jsonPath("$.saved").isEqualTo(true)
                .jsonPath("$.childCount").isEqualTo(3)
                .jsonPath("$.children").doesNotExist()
                .jsonPath("$.gap.TARGET").isEqualTo("0.00");
        get(director, "/api/targets/tree?unitId=" + org.teamA + "&period=FY2026").expectStatus().isOk()
                .expectBody().jsonPath("$.levels.TARGET").isEqualTo(611650.48);

        // again with other ratios: the three DRAFTs are updated in place, their old amounts replaced, none left over
        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "RATIO", "children",
                List.of(child("UNIT", org.teamA, "1", null), child("UNIT", org.teamB, "1", null), child("REP", org.repB1, "2", null))))
                .expectStatus().isOk().expectHeader().doesNotExist("Preference-Applied").expectBody()
                .jsonPath("$.childCount").isEqualTo(3)
                .jsonPath("$.children.length()").isEqualTo(3)
                .jsonPath("$.children[0].levels[0].annual").isEqualTo("250000.00");
        get(director, "/api/targets/tree?unitId=" + org.teamA + "&period=FY2026").expectStatus().isOk()
                .expectBody().jsonPath("$.levels.TARGET").isEqualTo(250000.00);
        Long amounts = db.sql("SELECT count(*) AS n FROM target_amount a JOIN target t ON t.id = a.target_id"
                        + " WHERE t.parent_target_id = :p")
                .bind("p", java.util.UUID.fromString(region)).map(r -> r.get("n", Long.class)).one().block();
        assertThat(amounts).isEqualTo(3 * 12L);
        Long versions = db.sql("SELECT count(*) AS n FROM target_version v JOIN target t ON t.id = v.target_id"
                        + " WHERE t.parent_target_id = :p")
                .bind("p", java.util.UUID.fromString(region)).map(r -> r.get("n", Long.class)).one().block();
        assertThat(versions).isEqualTo(3L);
    }

    @Test
    void equalAllocationToTheTeamsWhenNoChildrenAreNamed() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "100.00")));
        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "EQUAL", "preview", true))
                .expectStatus().isOk().expectBody().jsonPath("$.children.length()").isEqualTo(2)
                .jsonPath("$.gap.TARGET").isEqualTo("0.00");
    }

    @Test
    void weightsAllZeroAndAPublishedChildAreRefusedWithNothingWritten() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "1000.00")));
        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "RATIO",
                "children", List.of(child("UNIT", org.teamA, "0", null), child("UNIT", org.teamB, "0", null))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "weights-all-zero");
        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "LOTTERY"))
                .expectStatus().isBadRequest();
        list(director, "?ownerId=" + org.teamA).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);

        String teamB = id(create(director, target("UNIT", org.teamB, "10.00")));
        publish(director, teamB, 1);
        post(director, "/api/targets/" + region + "/allocations", null, Map.of("method", "EQUAL",
                "children", List.of(child("UNIT", org.teamA, null, null), child("UNIT", org.teamB, null, null))))
                .expectStatus().isEqualTo(409);
        list(director, "?ownerId=" + org.teamA).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void aRepMayNotAllocate() {
        String region = id(create(TestTokens.admin(), target("UNIT", org.teamA, "1000.00")));
        post(TestTokens.rep(org.repA1), "/api/targets/" + region + "/allocations", null, Map.of("method", "EQUAL"))
                .expectStatus().isForbidden();
        post(TestTokens.manager(org.managerA), "/api/targets/" + region + "/allocations", null, Map.of("method", "EQUAL", "preview", true))
                .expectStatus().isOk().expectBody().jsonPath("$.children.length()").isEqualTo(3);
    }

    @Test
    void distributionSpreadsTheYearOverTheMonths() {
        String director = TestTokens.director(org.director);
        Map<String, Object> body = target("UNIT", org.teamA, "1200.00");
        String id = id(create(director, body));
        List<String> profile = List.of("1", "1", "2", "1", "1", "2", "1", "1", "2", "1", "1", "3");
        post(director, "/api/targets/" + id + "/distribution", null, Map.of("method", "PROFILE", "weights", profile, "preview", true))
                .expectStatus().isOk().expectBody().jsonPath("$.levels[0].months[11].amount").isEqualTo("211.76");
        get(director, "/api/targets/" + id).expectBody().jsonPath("$.levels[0].months[11].amount").isEqualTo("100.00");
        post(director, "/api/targets/" + id + "/distribution", null, Map.of("method", "PROFILE", "weights", profile))
                .expectStatus().isEqualTo(428);
        post(director, "/api/targets/" + id + "/distribution", "\"1\"", Map.of("method", "PROFILE", "weights", profile))
                .expectStatus().isOk().expectBody().jsonPath("$.levels[0].annual").isEqualTo("1200.00")
                .jsonPath("$.levels[0].quarters[3].amount").isEqualTo("352.94");
        post(director, "/api/targets/" + id + "/distribution", "\"2\"", Map.of("method", "HISTORY"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "weights-all-zero");
    }

    static Map<String, Object> child(String type, Object id, String ratio, String adjustment) {
        Map<String, Object> child = new java.util.LinkedHashMap<>();
        child.put("ownerType", type);
        child.put("ownerId", id);
        child.put("ratio", ratio);
        child.put("adjustmentPercent", adjustment);
        return child;
    }
}
