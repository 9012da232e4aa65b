package com.quota.pipeline.pipeline;

/** Where an open opportunity in a stage counts in the cumulative forecast; OMITTED counts nowhere. */
public enum ForecastCategory {
    PIPELINE, BEST_CASE, COMMIT, OMITTED
}
