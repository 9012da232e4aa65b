package com.quota.targets.attainment;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.Objects;

/**
 * One stored counter: an owner's actual for a metric in a calendar month, in total ({@link Dimensions#ALL}) or for
 * one dimension value. Ordered, so every transaction locks counter rows in the same order and none deadlock.
 */
public record CounterKey(Owner owner, Metric metric, YearMonth month, String dimension) implements Comparable<CounterKey> {

    private static final Comparator<CounterKey> ORDER = Comparator.comparing(CounterKey::owner)
            .thenComparing(CounterKey::metric)
            .thenComparing(CounterKey::month)
            .thenComparing(CounterKey::dimension);

    public CounterKey {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(dimension, "dimension");
    }

    @Override
    public int compareTo(CounterKey other) {
        return ORDER.compare(this, other);
    }
}
