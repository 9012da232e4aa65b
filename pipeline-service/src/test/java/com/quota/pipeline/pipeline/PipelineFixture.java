package com.quota.pipeline.pipeline;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Pipelines for tests: the DOMAIN.md chain example (A→B 40%, B→C 75%, C→WON 60%). */
public final class PipelineFixture {

    private PipelineFixture() {
    }

    public static Pipeline abc() {
        return new Pipeline(UUID.randomUUID(), "Project sales", List.of(
                stage("A", 0, 10, ForecastCategory.PIPELINE, 10, "40"),
                stage("B", 1, 40, ForecastCategory.BEST_CASE, 20, "75"),
                stage("C", 2, 70, ForecastCategory.COMMIT, 30, "60"),
                new Stage(UUID.randomUUID(), "WON", "Won", 3, 100, ForecastCategory.COMMIT, 0, null, StageOutcome.WON),
                new Stage(UUID.randomUUID(), "LOST", "Lost", 4, 0, ForecastCategory.OMITTED, 0, null, StageOutcome.LOST)));
    }

    public static Stage stage(String code, int position, int probability, ForecastCategory category, int expectedDays,
                              String conversion) {
        return new Stage(UUID.randomUUID(), code, code, position, probability, category, expectedDays,
                conversion == null ? null : new BigDecimal(conversion), null);
    }

    public static Stage code(Pipeline pipeline, String code) {
        return pipeline.stageByCode(code).orElseThrow();
    }
}
