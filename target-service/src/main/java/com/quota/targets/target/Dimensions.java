package com.quota.targets.target;

/** Optional dimensions of a target; null means all values. */
public record Dimensions(String productLine, String region, String channel, String customerSegment) {

    public static final Dimensions ALL = new Dimensions(null, null, null, null);

    public Dimensions {
        productLine = blankToNull(productLine);
        region = blankToNull(region);
        channel = blankToNull(channel);
        customerSegment = blankToNull(customerSegment);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
