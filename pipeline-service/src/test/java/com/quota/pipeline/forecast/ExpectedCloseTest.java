package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.PipelineFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedCloseTest {

    private final Pipeline pipeline = PipelineFixture.abc(); // expected days A 10, B 20, C 30
    private final LocalDate asOf = LocalDate.of(2026, 11, 20);

    @Test
    void anUndatedDealIsPlacedByWhatIsLeftOfItsStagePlusTheLaterStages() {
        // 4 days into B: 16 left of B + 30 of C
        LocalDate placed = ExpectedClose.place(pipeline, PipelineFixture.code(pipeline, "B"), asOf.minusDays(4), asOf);
        assertThat(placed).isEqualTo(asOf.plusDays(46));
    }

    @Test
    void aDealOverstayingItsStageCountsNothingLeftOfItNeverANegative() {
        LocalDate placed = ExpectedClose.place(pipeline, PipelineFixture.code(pipeline, "A"), asOf.minusDays(90), asOf);
        assertThat(placed).isEqualTo(asOf.plusDays(50));
        assertThat(ExpectedClose.place(pipeline, PipelineFixture.code(pipeline, "C"), asOf.minusDays(31), asOf)).isEqualTo(asOf);
    }

    @Test
    void aDatedDealKeepsItsDate() {
        LocalDate date = LocalDate.of(2027, 1, 5);
        assertThat(ExpectedClose.of(pipeline, PipelineFixture.code(pipeline, "A"), asOf, date, asOf)).isEqualTo(date);
    }
}
