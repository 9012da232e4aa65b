package com.quota.pipeline.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineTest {

    @Test
    void openStagesComeInPositionOrderAndClosedStagesAreFoundByOutcome() {
        Pipeline pipeline = PipelineFixture.abc();
        assertThat(pipeline.openStages()).extracting(Stage::code).containsExactly("A", "B", "C");
        assertThat(pipeline.wonStage().code()).isEqualTo("WON");
        assertThat(pipeline.lostStage().code()).isEqualTo("LOST");
        assertThat(pipeline.nextOpenStage(PipelineFixture.code(pipeline, "C"))).isEmpty();
        assertThat(pipeline.firstStage().code()).isEqualTo("A");
    }

    @Test
    void aPipelineNeedsExactlyOneWonAndOneLostStage() {
        Stage a = PipelineFixture.stage("A", 0, 10, ForecastCategory.PIPELINE, 10, null);
        Stage won = new Stage(UUID.randomUUID(), "WON", "Won", 1, 100, ForecastCategory.COMMIT, 0, null, StageOutcome.WON);
        assertThatThrownBy(() -> new Pipeline(UUID.randomUUID(), "P", List.of(a, won)))
                .isInstanceOf(PipelineDefinitionException.class).hasMessageContaining("exactly one WON and one LOST");
    }

    @Test
    void stageCodesAreUniqueAndProbabilityStaysWithin0And100() {
        Stage a = PipelineFixture.stage("A", 0, 10, ForecastCategory.PIPELINE, 10, null);
        assertThatThrownBy(() -> new Pipeline(UUID.randomUUID(), "P", List.of(a, a)))
                .isInstanceOf(PipelineDefinitionException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> PipelineFixture.stage("X", 0, 101, ForecastCategory.PIPELINE, 1, null))
                .isInstanceOf(PipelineDefinitionException.class).hasMessageContaining("probability");
    }
}
