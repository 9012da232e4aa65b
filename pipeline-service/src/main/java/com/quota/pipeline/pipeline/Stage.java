package com.quota.pipeline.pipeline;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A stage of a pipeline as configured at one moment: history keeps this snapshot, so a later change to the
 * pipeline never rewrites what a stage was when an opportunity passed through it.
 *
 * @param conversionRate configured stage-to-next conversion in percent (0–100); null when not configured
 * @param closedAs       WON or LOST for the closed stages, null for open ones
 */
public record Stage(UUID id, String code, String name, int position, int probability, ForecastCategory forecastCategory,
                    int expectedDays, BigDecimal conversionRate, StageOutcome closedAs) {

    public Stage {
        if (probability < 0 || probability > 100) {
            throw new PipelineDefinitionException("probability", "must be between 0 and 100");
        }
        if (expectedDays < 0) {
            throw new PipelineDefinitionException("expectedDays", "must not be negative");
        }
        if (conversionRate != null && (conversionRate.signum() < 0 || conversionRate.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new PipelineDefinitionException("conversionRate", "must be between 0 and 100");
        }
    }

    public boolean isOpen() {
        return closedAs == null;
    }
}
