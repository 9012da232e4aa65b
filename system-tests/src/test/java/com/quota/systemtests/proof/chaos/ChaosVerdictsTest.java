package com.quota.systemtests.proof.chaos;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos verdicts on hand-made observations: each passes on a clean run and fails on the fault it is there for. */
class ChaosVerdictsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void theExpectedSumsRollEveryCreditUpTheTreeAndATerminationReversesTheNetValue() {
        UUID company = UUID.randomUUID(), team = UUID.randomUUID(), a = UUID.randomUUID(), b = UUID.randomUUID();
        OrgTree org = new OrgTree().unit(company, null).unit(team, company).rep(a, team).rep(b, company);
        Expectations e = new Expectations();
        UUID kept = UUID.randomUUID(), ended = UUID.randomUUID();
        e.won(a, new BigDecimal("100.10"));
        e.won(b, new BigDecimal("0.01"));
        e.won(a, new BigDecimal("5.00")); // a second win of a's account: still one new customer
        e.signed(kept, a, new BigDecimal("90000.00"));
        e.amended(kept, new BigDecimal("91000.00"));
        e.signed(ended, b, new BigDecimal("90000.00"));
        e.amended(ended, new BigDecimal("91000.00"));
        e.terminated(ended);
        e.paid(a, new BigDecimal("12.34"));

        Map<String, BigDecimal> totals = e.totals(org);

        assertThat(totals).hasSize(4 * 4);
        assertThat(totals.get("units/" + company + " BOOKINGS")).isEqualByComparingTo("105.11");
        assertThat(totals.get("units/" + team + " BOOKINGS")).isEqualByComparingTo("105.10");
        assertThat(totals.get("reps/" + a + " NEW_CUSTOMERS")).isEqualByComparingTo("1");
        assertThat(totals.get("units/" + team + " NEW_CUSTOMERS")).isEqualByComparingTo("1");
        assertThat(totals.get("units/" + company + " NEW_CUSTOMERS")).isEqualByComparingTo("2");
        assertThat(totals.get("units/" + company + " CONTRACT_VALUE")).isEqualByComparingTo("91000.00");
        assertThat(totals.get("reps/" + b + " CONTRACT_VALUE")).isEqualByComparingTo("0");
        assertThat(totals.get("units/" + team + " COLLECTIONS")).isEqualByComparingTo("12.34");
        assertThat(ChaosVerdicts.sums(totals, Map.copyOf(totals)).passed()).isTrue();
    }

    @Test
    void oneCentOffOrAFigureMissingFailsTheSumVerdict() {
        Map<String, BigDecimal> expected = Map.of("reps/x BOOKINGS", new BigDecimal("10.00"), "units/y BOOKINGS", new BigDecimal("10.00"));
        assertThat(ChaosVerdicts.sums(expected, Map.of("reps/x BOOKINGS", new BigDecimal("10.01"), "units/y BOOKINGS", new BigDecimal("10"))).passed())
                .isFalse();
        assertThat(ChaosVerdicts.sums(expected, Map.of("reps/x BOOKINGS", new BigDecimal("10"))).passed()).isFalse();
    }

    @Test
    void a500AHangOrASlowOrLate503FailsTheAnswerVerdict() {
        List<Outage> outages = List.of(new Outage("PostgreSQL", T0, T0.plusSeconds(20)));
        RequestOutcome fine = new RequestOutcome("win", T0.minusSeconds(5), Duration.ofMillis(80), 201, "application/json", null);
        RequestOutcome refused = new RequestOutcome("win", T0.plusSeconds(3), Duration.ofMillis(300), 503, "application/problem+json", null);
        assertThat(ChaosVerdicts.answers(List.of(fine, refused), outages).passed()).isTrue();

        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.plusSeconds(3), Duration.ofMillis(300), 500,
                "application/problem+json", null)), outages).passed()).as("a 500").isFalse();
        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.plusSeconds(3), Duration.ofSeconds(10), 0,
                "", "HttpTimeoutException")), outages).passed()).as("a hang").isFalse();
        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.plusSeconds(3), Duration.ofMillis(2500), 503,
                "application/problem+json", null)), outages).passed()).as("a 503 after 2.5 s").isFalse();
        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.plusSeconds(60), Duration.ofMillis(30), 503,
                "application/problem+json", null)), outages).passed()).as("a 503 long after the outage").isFalse();
        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.minusSeconds(3), Duration.ofMillis(500), 503,
                "application/problem+json", null)), outages).passed()).as("a 503 answered before the outage began").isFalse();
        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.minusMillis(600), Duration.ofMillis(800), 503,
                "application/problem+json", null)), outages).passed()).as("in flight when the fault struck").isTrue();
        assertThat(ChaosVerdicts.answers(List.of(fine, new RequestOutcome("win", T0.plusSeconds(3), Duration.ofMillis(30), 503,
                "text/plain", null)), outages).passed()).as("a 503 that is not problem+json").isFalse();
    }

    @Test
    void anInboxThatMissesOrDoublesAnEventFailsAndDltParkedAndLagVerdictsFailOnTheirFault() {
        UUID e1 = UUID.randomUUID(), e2 = UUID.randomUUID();
        assertThat(ChaosVerdicts.inbox("c", 2, Set.of(e1, e2), Set.of(e1, e2), 3).passed()).isTrue();
        assertThat(ChaosVerdicts.inbox("c", 1, Set.of(e1), Set.of(e1, e2), 3).passed()).isFalse();
        assertThat(ChaosVerdicts.inbox("c", 3, Set.of(e1, e2), Set.of(e1, e2), 3).passed()).isFalse();

        assertThat(ChaosVerdicts.deadLetters(Map.of("a-dlt", 0L, "b-dlt", 0L)).passed()).isTrue();
        assertThat(ChaosVerdicts.deadLetters(Map.of("a-dlt", 0L, "b-dlt", 1L)).passed()).isFalse();
        assertThat(ChaosVerdicts.parked(Map.of("target", 0L)).passed()).isTrue();
        assertThat(ChaosVerdicts.parked(Map.of("target", 2L)).passed()).isFalse();
        assertThat(ChaosVerdicts.lag(Duration.ofSeconds(12), 0, 5).passed()).isTrue();
        assertThat(ChaosVerdicts.lag(Duration.ofSeconds(61), 0, 5).passed()).isFalse();
        assertThat(ChaosVerdicts.lag(null, 40, 5).passed()).isFalse();
    }
}
