package com.quota.pipeline.opportunity;

/** The analysis dimensions of a deal; each may be null (not set). */
public record Dimensions(String productLine, String region, String channel, String customerSegment) {

    public static Dimensions none() {
        return new Dimensions(null, null, null, null);
    }
}
