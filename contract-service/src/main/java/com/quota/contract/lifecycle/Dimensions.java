package com.quota.contract.lifecycle;

/** The analysis dimensions of a contract, taken from its opportunity; each may be null. */
public record Dimensions(String productLine, String region, String channel, String customerSegment) {

    public static final Dimensions NONE = new Dimensions(null, null, null, null);
}
