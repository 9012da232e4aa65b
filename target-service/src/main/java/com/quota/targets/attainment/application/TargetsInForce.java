package com.quota.targets.attainment.application;

import com.quota.calendar.PeriodKey;
import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.TargetLevel;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** The targets attainment is measured against: the latest published version effective on the as-of date (port). */
public interface TargetsInForce {

    /**
     * The target in force for owner × metric × dimension key ({@code *} for a target without dimensions) in a fiscal
     * year, as of a date; {@link Target#NONE} when there is none.
     */
    Mono<Target> inForce(Owner owner, Metric metric, String dimension, int fiscalYear, LocalDate asOf);

    /** Which of {@code owners} have any target without dimensions for the metric in one of the fiscal years. */
    Mono<java.util.Set<Owner>> withAnyTarget(java.util.Collection<Owner> owners, Metric metric,
                                             java.util.Collection<Integer> fiscalYears);

    /** The owners × metrics with a target without dimensions in a fiscal year (whose pace can be judged). */
    reactor.core.publisher.Flux<OwnerMetric> ownersWithTargets(int fiscalYear);

    /**
     * Every owner × metric with a target without dimensions in a fiscal year, each with its version in force as of a
     * date (one statement; owners without a published version in force are left out).
     */
    reactor.core.publisher.Flux<OwnerTarget> everyTargetInForce(int fiscalYear, LocalDate asOf);

    /** An owner × metric and the target version in force for it. */
    record OwnerTarget(Owner owner, Metric metric, Target target) {
    }

    /** An owner and a metric. */
    record OwnerMetric(Owner owner, Metric metric) {
    }

    /** A target version in force: its monthly amounts per level that is set. */
    record Target(UUID targetId, Integer version, Map<TargetLevel, Map<PeriodKey, BigDecimal>> monthlyByLevel) {

        public static final Target NONE = new Target(null, null, Map.of());

        public Target {
            monthlyByLevel = Map.copyOf(monthlyByLevel);
        }
    }
}
