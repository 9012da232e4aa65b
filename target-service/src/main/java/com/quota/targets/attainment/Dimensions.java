package com.quota.targets.attainment;

import java.util.ArrayList;
import java.util.List;

/**
 * The analysis dimensions a credit carries (each may be null: not set). A target set for a dimension value is
 * measured only by the credits that carry it, so counters are kept per total and per set dimension value.
 */
public record Dimensions(String productLine, String region, String channel, String customerSegment) {

    /** The counter dimension key of the total over all credits. */
    public static final String ALL = "*";

    public static final Dimensions NONE = new Dimensions(null, null, null, null);

    /** The dimension keys this credit counts under: {@link #ALL} and one {@code name=value} per set dimension. */
    public List<String> counterKeys() {
        List<String> keys = new ArrayList<>(5);
        keys.add(ALL);
        add(keys, "productLine", productLine);
        add(keys, "region", region);
        add(keys, "channel", channel);
        add(keys, "customerSegment", customerSegment);
        return keys;
    }

    /** A counter dimension key for one dimension value, e.g. {@code productLine=ANALYZERS}. */
    public static String key(String dimension, String value) {
        return dimension + "=" + value;
    }

    private static void add(List<String> keys, String name, String value) {
        if (value != null && !value.isBlank()) {
            keys.add(key(name, value));
        }
    }
}
