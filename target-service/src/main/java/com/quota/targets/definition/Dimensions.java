package com.quota.targets.definition;

/** Optional dimensions of a target; null means all values. */
public record Dimensions(String productLine, String region, String channel, String customerSegment) {

    public static final Dimensions ALL = new Dimensions(null, null, null, null);

    public Dimensions {
        productLine = blankToNull(productLine);
        region = blankToNull(region);
        channel = blankToNull(channel);
        customerSegment = blankToNull(customerSegment);
    }

    /** The value of one dimension; null means all values. */
    public String valueOf(TargetDimension dimension) {
        return switch (dimension) {
            case PRODUCT_LINE -> productLine;
            case REGION -> region;
            case CHANNEL -> channel;
            case CUSTOMER_SEGMENT -> customerSegment;
        };
    }

    /** These dimensions with one dimension narrowed to {@code value}. */
    public Dimensions with(TargetDimension dimension, String value) {
        return switch (dimension) {
            case PRODUCT_LINE -> new Dimensions(value, region, channel, customerSegment);
            case REGION -> new Dimensions(productLine, value, channel, customerSegment);
            case CHANNEL -> new Dimensions(productLine, region, value, customerSegment);
            case CUSTOMER_SEGMENT -> new Dimensions(productLine, region, channel, value);
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
