package com.quota.targets.definition.web;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * HISTORY allocation and distribution weigh by the attainment ledger's actuals for the months the ledger covers and by
 * the historical actuals a company brought along for the others.
 */
class LedgerHistoryIT extends TargetApiITSupport {

    private static final int HISTORY_YEAR = 2031;

    @Test
    void theLedgersMonthsReplaceTheBroughtActualsForTheMonthsItCovers() {
        String director = TestTokens.director(org.director);
        loadActuals(org.repA1, "100.00");
        loadActuals(org.repA2, "100.00");
        // the ledger has booked the first six fiscal months: 300 a month for repA1, nothing for repA2
        int startMonth = ((Number) get(director, "/api/targets/settings").expectBody(Map.class).returnResult().getResponseBody()
                .get("fiscalYearStartMonth")).intValue();
        LocalDate first = LocalDate.of(startMonth == 1 ? HISTORY_YEAR : HISTORY_YEAR - 1, startMonth, 1);
        for (int m = 0; m < 6; m++) {
            db.sql("""
                            INSERT INTO attainment_counter (owner_type, owner_id, metric, month, dimension, amount)
                            VALUES ('REP', :owner, 'BOOKINGS', :month, '*', 300)""")
                    .bind("owner", org.repA1).bind("month", first.plusMonths(m)).fetch().rowsUpdated().block();
        }

        // weights: repA1 6 x 300 + 6 x 100 = 2400, repA2 6 x 0 + 6 x 100 = 600 (without the ledger: 50/50)
        Map<String, Object> team = target("UNIT", org.teamA, "1000.00");
        team.put("fiscalYear", HISTORY_YEAR + 1);
        String teamTarget = id(create(director, team));
        post(director, "/api/targets/" + teamTarget + "/allocations", null, Map.of("method", "HISTORY", "preview", true,
                "historyYear", HISTORY_YEAR, "children", List.of(TargetAllocationIT.child("REP", org.repA1, null, null),
                        TargetAllocationIT.child("REP", org.repA2, null, null))))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.children[0].levels[0].annual").isEqualTo("799.96")
                .jsonPath("$.children[1].levels[0].annual").isEqualTo("200.04")
                .jsonPath("$.gap.TARGET").isEqualTo("0.00");

        // repA1's months: 300 for the six booked months, 100 for the six brought ones
        Map<String, Object> rep = target("REP", org.repA1, "1200.00");
        rep.put("fiscalYear", HISTORY_YEAR + 1);
        String repTarget = id(create(director, rep));
        post(director, "/api/targets/" + repTarget + "/distribution", null, Map.of("method", "HISTORY", "historyYear", HISTORY_YEAR,
                "preview", true))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.levels[0].months[0].amount").isEqualTo("150.00")
                .jsonPath("$.levels[0].months[5].amount").isEqualTo("150.00")
                .jsonPath("$.levels[0].months[6].amount").isEqualTo("50.00")
                .jsonPath("$.levels[0].months[11].amount").isEqualTo("50.00");
    }

    private void loadActuals(UUID rep, String monthly) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            rows.add(Map.of("ownerType", "REP", "ownerId", rep, "metric", "BOOKINGS", "fiscalYear", HISTORY_YEAR, "month", m,
                    "amount", new BigDecimal(monthly).toPlainString()));
        }
        post(TestTokens.admin(), "/api/targets/historical-actuals", null, Map.of("rows", rows)).expectStatus().isOk();
    }
}
