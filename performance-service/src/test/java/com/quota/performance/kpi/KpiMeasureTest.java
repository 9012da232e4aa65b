package com.quota.performance.kpi;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class KpiMeasureTest {

    @Test
    void costRatioIsTheOneMeasureWhereLowerIsBetter() {
        assertThat(Arrays.stream(KpiMeasure.values()).filter(m -> m.usualDirection() == KpiMeasure.Direction.LOWER_IS_BETTER))
                .containsExactly(KpiMeasure.COST_RATIO);
    }

    @Test
    void softRatingsAreEnteredByManagersAndEverythingElseComesFromEvents() {
        assertThat(Arrays.stream(KpiMeasure.values()).filter(KpiMeasure::isManagerEntered))
                .containsExactlyInAnyOrder(KpiMeasure.CUSTOMER_SATISFACTION, KpiMeasure.TEAMWORK);
        assertThat(KpiMeasure.BOOKINGS.source()).isEqualTo(KpiMeasure.Source.ATTAINMENT);
        // fed from opportunity events (OpportunityWon.firstWinOfAccount), not from attainment
        assertThat(KpiMeasure.NEW_CUSTOMERS.source()).isEqualTo(KpiMeasure.Source.OPPORTUNITIES);
        assertThat(KpiMeasure.COLLECTION_RATE.source()).isEqualTo(KpiMeasure.Source.CONTRACTS);
    }
}
