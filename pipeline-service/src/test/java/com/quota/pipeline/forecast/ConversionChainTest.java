package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.PipelineFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConversionChainTest {

    @Test
    void theDomainExampleGives18And45And60Percent() {
        Pipeline pipeline = PipelineFixture.abc();
        Map<UUID, BigDecimal> chain = ConversionChain.configured(pipeline.openStages());
        assertThat(chain.get(PipelineFixture.code(pipeline, "A").id())).isEqualByComparingTo("18");
        assertThat(chain.get(PipelineFixture.code(pipeline, "B").id())).isEqualByComparingTo("45");
        assertThat(chain.get(PipelineFixture.code(pipeline, "C").id())).isEqualByComparingTo("60");
    }

    @Test
    void aStageWithoutARateBreaksTheChainBeforeIt() {
        Pipeline pipeline = PipelineFixture.abc();
        Map<UUID, BigDecimal> chain = ConversionChain.probabilities(pipeline.openStages(),
                stage -> stage.code().equals("B") ? null : new BigDecimal("50"));
        assertThat(chain.get(PipelineFixture.code(pipeline, "A").id())).isEqualByComparingTo("0");
        assertThat(chain.get(PipelineFixture.code(pipeline, "C").id())).isEqualByComparingTo("50");
    }

    @Test
    void measuredRatesWithThirdsStayExactUntilTheyAreWeighed() {
        Pipeline pipeline = PipelineFixture.abc();
        Map<UUID, BigDecimal> chain = ConversionChain.probabilities(pipeline.openStages(),
                stage -> new BigDecimal("33.33"));
        assertThat(chain.get(PipelineFixture.code(pipeline, "A").id())).isEqualByComparingTo("3.7025927037"); // 0.3333³ × 100
    }
}
