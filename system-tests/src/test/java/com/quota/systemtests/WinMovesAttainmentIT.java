package com.quota.systemtests;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.quota.systemtests.SalesScenario.body;
import static com.quota.systemtests.SalesScenario.send;
import static com.quota.systemtests.SalesScenario.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's main promise, end to end through the gateway with real tokens: a sales leader publishes a rep's
 * target, the rep's deal is won in pipeline-service, and target-service shows the rep's and every ancestor unit's
 * attainment move — over Kafka, without any service calling another.
 */
class WinMovesAttainmentIT {

    @Test
    void aWonDealMovesTheRepAndEveryUnitAboveThroughTheGateway() {
        URI gateway = RunningStack.gateway("/");
        String admin = StackTokens.user("admin");
        String crm = StackTokens.integration("crm-sync", "opportunities.write", "accounts.write");
        SalesScenario.Org org = SalesScenario.org(gateway, admin);

        // the rep's target for the year, taken through its lifecycle to PUBLISHED
        int year = SalesScenario.today().getYear();
        String target = SalesScenario.created(send(gateway, "POST", "/api/targets", admin, body("externalRef", "ST-TARGET-" + org.run(),
                "fiscalYear", year, "metric", "BOOKINGS", "ownerType", "REP", "ownerId", org.rep(), "currency", "CNY",
                "levels", List.of(body("level", "TARGET", "annual", "1200000.00",
                        "months", Collections.nCopies(12, "100000.00")))), Map.of())).get("id").asString();
        for (String action : List.of("submit", "approve", "publish")) {
            String etag = Http.get(RunningStack.gateway("/api/targets/" + target), admin).headers().firstValue("ETag").orElseThrow();
            succeeds(send(gateway, "POST", "/api/targets/" + target + "/" + action, admin, null, Map.of("If-Match", etag)));
        }

        String pipeline = SalesScenario.pipeline(gateway, admin, org);
        String account = SalesScenario.account(gateway, crm, org);
        SalesScenario.winDeal(gateway, crm, org, pipeline, account, "ST-OPP-" + org.run(), new BigDecimal("250000.00"));

        // the win reaches the ledger: the rep and every unit above are credited exactly, to the cent
        for (String owner : org.ownersBottomUp()) {
            SalesScenario.awaitBookings(gateway, admin, owner, new BigDecimal("250000.00"));
        }
        JsonNode repFigures = Http.json(send(gateway, "GET", "/api/attainment/reps/" + org.rep() + SalesScenario.bookingsQuery(),
                admin, null, Map.of()));
        assertThat(new BigDecimal(repFigures.get("levels").get("TARGET").get("attainmentPercent").asString()))
                .as("250,000 of 1,200,000").isEqualByComparingTo("20.83");
        assertThat(repFigures.get("targetId").asString()).isEqualTo(target);
    }
}
