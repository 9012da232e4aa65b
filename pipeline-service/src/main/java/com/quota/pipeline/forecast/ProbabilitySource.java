package com.quota.pipeline.forecast;

/** Where an open deal's win probability comes from. */
public enum ProbabilitySource {
    /** The stage's configured probability. */
    STAGE,
    /** The product of configured stage-to-next conversion rates from the stage to WON. */
    CONFIGURED_CHAIN,
    /** The product of stage-to-next conversion rates measured from history over a window. */
    MEASURED_CHAIN
}
