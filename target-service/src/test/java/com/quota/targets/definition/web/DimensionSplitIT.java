package com.quota.targets.definition.web;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocation by dimension over HTTP: a target split 60/30/10 over three product lines (preview, then saved as DRAFTs),
 * one line then allocated down the tree, and the bad input (over/under 100%, unknown dimension, already narrowed) as
 * problem+json with nothing written.
 */
class DimensionSplitIT extends TargetApiITSupport {

    @Test
    void aCompanyTargetSplitOverThreeProductLinesThenOneLineDownTheTree() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "1000000.00")));
        Map<String, Object> split = Map.of("dimension", "PRODUCT_LINE", "splits", List.of(
                Map.of("value", "Hardware", "percent", "60"), Map.of("value", "Software", "percent", "30"),
                Map.of("value", "Services", "percent", "10")));

        Map<String, Object> preview = new java.util.HashMap<>(split);
        preview.put("preview", true);
        post(director, "/api/targets/" + region + "/dimension-splits", null, preview).expectStatus().isOk().expectBody()
                .jsonPath("$.saved").isEqualTo(false)
                .jsonPath("$.parts[0].dimensions.productLine").isEqualTo("Hardware")
                .jsonPath("$.parts[0].levels[0].annual").isEqualTo("600000.04")
                .jsonPath("$.parts[1].levels[0].annual").isEqualTo("300000.00")
                .jsonPath("$.parts[2].levels[0].annual").isEqualTo("99999.96")
                .jsonPath("$.parts[0].levels[0].months[0].amount").isEqualTo("50000.01")
                .jsonPath("$.parts[0].targetId").doesNotExist();
        list(director, "?ownerId=" + org.region).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);

        Map<?, ?> saved = post(director, "/api/targets/" + region + "/dimension-splits", null, split).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(saved.get("saved")).isEqualTo(true);
        List<?> parts = (List<?>) saved.get("parts");
        String hardware = ((Map<?, ?>) parts.get(0)).get("targetId").toString();
        list(director, "?ownerId=" + org.region + "&productLine=Hardware").expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(hardware)
                .jsonPath("$.items[0].parentTargetId").isEqualTo(region);
        list(director, "?ownerId=" + org.region).expectBody().jsonPath("$.page.totalElements").isEqualTo(4);
        get(director, "/api/targets/" + hardware).expectBody()
                .jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.levels[0].annual").isEqualTo("600000.04");
        assertThat(auditActions(region)).contains("target.split-by-dimension");

        // saving again updates the same DRAFTs: nothing twice
        post(director, "/api/targets/" + region + "/dimension-splits", null, split).expectStatus().isOk();
        list(director, "?ownerId=" + org.region).expectBody().jsonPath("$.page.totalElements").isEqualTo(4);

        // the Hardware line goes down the tree to the region's teams, keeping its product line
        post(director, "/api/targets/" + hardware + "/allocations", null, Map.of("method", "EQUAL")).expectStatus().isOk()
                .expectBody().jsonPath("$.saved").isEqualTo(true).jsonPath("$.children.length()").isEqualTo(2)
                .jsonPath("$.gap.TARGET").isEqualTo("0.00");
        list(director, "?ownerId=" + org.teamA + "&productLine=Hardware").expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(1)
                .jsonPath("$.items[0].parentTargetId").isEqualTo(hardware);
        list(director, "?ownerId=" + org.teamA).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);
        get(director, "/api/targets/" + hardware + "/bottom-up").expectBody()
                .jsonPath("$.year.topDown").isEqualTo("600000.04").jsonPath("$.year.bottomUp").isEqualTo("600000.04")
                .jsonPath("$.year.gap").isEqualTo("0.00");
    }

    @Test
    void splitsOverOrUnder100PercentAnUnknownDimensionAndANarrowedTargetAreRefusedWithNothingWritten() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "1000.00")));
        String path = "/api/targets/" + region + "/dimension-splits";
        post(director, path, null, Map.of("dimension", "PRODUCT_LINE", "splits", List.of(
                Map.of("value", "A", "percent", "60"), Map.of("value", "B", "percent", "50"))))
                .expectStatus().isEqualTo(422).expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "splits-over-100-percent");
        post(director, path, null, Map.of("dimension", "PRODUCT_LINE", "splits", List.of(Map.of("value", "A", "percent", "60"))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "splits-under-100-percent");
        post(director, path, null, Map.of("dimension", "COLOUR", "splits", List.of(Map.of("value", "A", "percent", "100"))))
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dimension");
        post(director, path, null, Map.of("dimension", "CHANNEL", "splits", List.of(Map.of("value", "A", "percent", "-5"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("splits.percent");
        list(director, "?ownerId=" + org.region).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);

        Map<String, Object> narrowed = target("UNIT", org.teamA, "10.00");
        narrowed.put("dimensions", Map.of("channel", "Direct"));
        String teamDirect = id(create(director, narrowed));
        post(director, "/api/targets/" + teamDirect + "/dimension-splits", null, Map.of("dimension", "CHANNEL", "splits",
                List.of(Map.of("value", "Web", "percent", "100"))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "dimension-already-set");

        // a published part is not overwritten: 409 and nothing of the split written
        String published = id(create(director, withProductLine(target("UNIT", org.region, "5.00"), "B")));
        publish(director, published, 1);
        post(director, path, null, Map.of("dimension", "PRODUCT_LINE", "splits", List.of(
                Map.of("value", "A", "percent", "50"), Map.of("value", "B", "percent", "50"))))
                .expectStatus().isEqualTo(409);
        list(director, "?ownerId=" + org.region + "&productLine=A").expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
        assertThat(auditActions(region)).doesNotContain("target.split-by-dimension");
    }

    @Test
    void aRepMayNotSplitAndAManagerOutsideTheSubtreeSeesNothing() {
        String director = TestTokens.director(org.director);
        String region = id(create(director, target("UNIT", org.region, "1000.00")));
        Map<String, Object> split = Map.of("dimension", "REGION", "splits", List.of(Map.of("value", "North", "percent", "100")));
        post(TestTokens.rep(org.repA1), "/api/targets/" + region + "/dimension-splits", null, split).expectStatus().isForbidden();
        post(TestTokens.manager(org.managerA), "/api/targets/" + region + "/dimension-splits", null, split).expectStatus().isNotFound();
        list(director, "?ownerId=" + org.region).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);
    }

    private static Map<String, Object> withProductLine(Map<String, Object> body, String productLine) {
        body.put("dimensions", Map.of("productLine", productLine));
        return body;
    }

    private List<String> auditActions(String targetId) {
        return db.sql("SELECT action FROM audit_entry WHERE entity_id = :id").bind("id", java.util.UUID.fromString(targetId))
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }
}
