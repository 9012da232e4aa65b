package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Places a deal without an expected close date: the as-of date + what is left of its current stage's expected days
 * (never below 0) + the expected days of the later open stages.
 */
public final class ExpectedClose {

    private ExpectedClose() {
    }

    /** The date a deal counts in the forecast: its expected close date, or the placed date when it has none. */
    public static LocalDate of(Pipeline pipeline, Stage current, LocalDate stageEnteredOn, LocalDate expectedCloseDate,
                               LocalDate asOf) {
        return expectedCloseDate != null ? expectedCloseDate : place(pipeline, current, stageEnteredOn, asOf);
    }

    public static LocalDate place(Pipeline pipeline, Stage current, LocalDate stageEnteredOn, LocalDate asOf) {
        long daysIn = Math.max(0, ChronoUnit.DAYS.between(stageEnteredOn, asOf));
        long left = Math.max(0, current.expectedDays() - daysIn);
        List<Stage> open = pipeline.openStages();
        int index = pipeline.openIndex(current.id());
        long later = 0;
        for (int i = index + 1; i < open.size(); i++) {
            later += open.get(i).expectedDays();
        }
        return asOf.plusDays(left + later);
    }
}
