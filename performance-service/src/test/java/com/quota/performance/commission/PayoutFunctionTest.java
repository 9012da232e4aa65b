package com.quota.performance.commission;

import org.junit.jupiter.api.Test;

import static com.quota.performance.commission.Plans.cny;
import static com.quota.performance.commission.Plans.interpolated;
import static com.quota.performance.commission.Plans.tiered;
import static org.assertj.core.api.Assertions.assertThat;

class PayoutFunctionTest {

    private final PayoutFunction step = new PayoutFunction(tiered(PlanMode.STEP, null), cny("1000000"));
    private final PayoutFunction whole = new PayoutFunction(tiered(PlanMode.WHOLE, null), cny("1000000"));
    private final PayoutFunction interpolated = new PayoutFunction(interpolated(null), cny("1000000"));

    @Test
    void stepPaysEachTiersRateOnThePartInsideItAsInTheDomainExample() {
        assertThat(step.payout(cny("1200000"))).isEqualTo(cny("32000.00"));
        assertThat(step.rateAt(cny("1200000"))).isEqualByComparingTo("6");
    }

    @Test
    void wholePaysTheHighestTierReachedOnEverythingAsInTheDomainExample() {
        assertThat(whole.payout(cny("1200000"))).isEqualTo(cny("72000.00"));
    }

    @Test
    void interpolatedMovesTheRateLinearlyBetweenAnchorsAsInTheDomainExample() {
        assertThat(interpolated.rateAt(cny("1200000"))).isEqualByComparingTo("6.2");
        assertThat(interpolated.payout(cny("1200000"))).isEqualTo(cny("74400.00"));
        assertThat(interpolated.payout(cny("499999.99"))).isEqualTo(cny("0.00")); // below the first anchor
        assertThat(interpolated.payout(cny("500000"))).isEqualTo(cny("10000.00")); // 2 % at 50 %
        assertThat(interpolated.payout(cny("750000"))).isEqualTo(cny("26250.00")); // 3.5 % at 75 %
        assertThat(interpolated.payout(cny("2000000"))).isEqualTo(cny("160000.00")); // 8 % flat beyond 150 %
        // the "tier" of an interpolated line is the segment between its anchors, with the rate at that point
        assertThat(interpolated.tierAt(cny("1200000"))).isEqualTo(new Tier(Plans.d("100"), Plans.d("150"), Plans.d("6.2")));
        assertThat(interpolated.tierAt(cny("100000")).toPercent()).isEqualByComparingTo("50");
        assertThat(interpolated.tierAt(cny("2000000")).isOpenEnded()).isTrue();
    }

    @Test
    void interpolatedKeepsTheRateExactAndRoundsOnlyThePayout() {
        // 1,234,567.89 on 1,000,000: rate = 5 + 23.456789 × 3 / 50 = 6.40740734 %; payout 79,103.79 (exactly 79,103.7936…)
        assertThat(interpolated.payout(cny("1234567.89"))).isEqualTo(cny("79103.79"));
        assertThat(interpolated.rateAt(cny("1234567.89"))).isEqualByComparingTo("6.4074");
    }

    @Test
    void tiersAreHalfOpenSoTheBoundaryBelongsToTheUpperTier() {
        assertThat(whole.tierAt(cny("499999.99")).fromPercent()).isEqualByComparingTo("0");
        assertThat(whole.tierAt(cny("500000")).fromPercent()).isEqualByComparingTo("50");
        assertThat(whole.payout(cny("500000"))).isEqualTo(cny("20000.00"));
        assertThat(whole.payout(cny("499999.99"))).isEqualTo(cny("0.00"));
        assertThat(whole.tierAt(cny("999999.99")).ratePercent()).isEqualByComparingTo("4");
        assertThat(whole.tierAt(cny("1000000")).ratePercent()).isEqualByComparingTo("6");
        assertThat(whole.payout(cny("1000000"))).isEqualTo(cny("60000.00"));
        assertThat(step.payout(cny("1000000"))).isEqualTo(cny("20000.00"));
        assertThat(step.payout(cny("1000000.01"))).isEqualTo(cny("20000.00")); // 0.0006 rounds away
        assertThat(step.payout(cny("1000000.09"))).isEqualTo(cny("20000.01"));
    }

    @Test
    void noCreditOrNoQuotaPaysNothing() {
        assertThat(step.payout(cny("-50000"))).isEqualTo(cny("0"));
        assertThat(whole.payout(cny("0"))).isEqualTo(cny("0"));
        PayoutFunction noQuota = new PayoutFunction(tiered(PlanMode.WHOLE, null), null);
        assertThat(noQuota.payout(cny("5000000"))).isEqualTo(cny("0"));
        assertThat(noQuota.tierAt(cny("5000000"))).isNull();
        assertThat(noQuota.rateAt(cny("5000000"))).isNull();
        assertThat(new PayoutFunction(tiered(PlanMode.STEP, null), cny("0")).payout(cny("5000000"))).isEqualTo(cny("0"));
    }

    @Test
    void theCapLimitsThePayoutOfThePeriod() {
        PayoutFunction capped = new PayoutFunction(tiered(PlanMode.WHOLE, cny("50000")), cny("1000000"));
        assertThat(capped.payout(cny("1200000"))).isEqualTo(cny("50000.00"));
        assertThat(capped.payout(cny("900000"))).isEqualTo(cny("36000.00"));
        PayoutFunction zeroCap = new PayoutFunction(tiered(PlanMode.STEP, cny("0")), cny("1000000"));
        assertThat(zeroCap.payout(cny("1200000"))).isEqualTo(cny("0.00"));
    }
}
