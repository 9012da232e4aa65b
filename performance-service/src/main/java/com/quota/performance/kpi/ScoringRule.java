package com.quota.performance.kpi;

import com.quota.performance.kpi.KpiMeasure.Direction;
import com.quota.performance.rules.RuleViolation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** How a KPI turns a measured value into a score (0 up to its cap, 2 decimals, HALF_EVEN). */
public sealed interface ScoringRule permits ScoringRule.Linear, ScoringRule.Bands {

    /** Scores are shown with 2 decimals. */
    int SCORE_SCALE = 2;

    BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The score of a value; a missing value (e.g. a percentage whose base is 0) scores 0. */
    BigDecimal score(BigDecimal value);

    /** Which way the rule rewards. */
    Direction direction();

    /**
     * {@code LINEAR}: threshold scores 0, target 100, a straight line between and beyond, floored at 0 and capped.
     * Lower is better when the threshold is above the target (cost ratio: threshold 20, target 10, so 15 scores 50).
     */
    record Linear(BigDecimal threshold, BigDecimal target, BigDecimal cap) implements ScoringRule {

        public Linear {
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(cap, "cap");
            RuleViolation.require(threshold.compareTo(target) != 0, "threshold-equals-target",
                    "the threshold and the target of a LINEAR rule must differ (threshold above target means lower is better)");
            RuleViolation.require(cap.compareTo(HUNDRED) >= 0, "cap-below-100",
                    "the cap of a LINEAR rule must be at least 100 (the target's score), was " + cap.toPlainString());
        }

        @Override
        public Direction direction() {
            return threshold.compareTo(target) < 0 ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
        }

        @Override
        public BigDecimal score(BigDecimal value) {
            if (value == null) {
                return BigDecimal.ZERO.setScale(SCORE_SCALE);
            }
            // (value - threshold) / (target - threshold) * 100: the same formula serves both directions
            BigDecimal raw = value.subtract(threshold).multiply(HUNDRED)
                    .divide(target.subtract(threshold), SCORE_SCALE, RoundingMode.HALF_EVEN);
            return raw.max(BigDecimal.ZERO).min(cap).setScale(SCORE_SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** One band of a {@link Bands} rule: reaching {@code bound} earns {@code score}. */
    record Band(BigDecimal bound, BigDecimal score) {
        public Band {
            Objects.requireNonNull(bound, "bound");
            Objects.requireNonNull(score, "score");
            RuleViolation.require(score.signum() >= 0, "negative-band-score", "a band score must not be negative");
        }
    }

    /**
     * {@code BANDS}: higher is better — the score of the highest bound the value reaches (value ≥ bound); lower is
     * better — the score of the lowest bound the value stays within (value ≤ bound). Reaching no band scores 0.
     */
    record Bands(Direction direction, List<Band> bands) implements ScoringRule {

        public Bands {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(bands, "bands");
            RuleViolation.require(!bands.isEmpty(), "no-bands", "a BANDS rule needs at least one band");
            RuleViolation.require(new HashSet<>(bands.stream().map(b -> b.bound().stripTrailingZeros()).toList()).size() == bands.size(),
                    "overlapping-bands", "two bands of a BANDS rule have the same bound");
            List<Band> sorted = new ArrayList<>(bands);
            sorted.sort(Comparator.comparing(Band::bound));
            bands = List.copyOf(sorted);
        }

        @Override
        public BigDecimal score(BigDecimal value) {
            BigDecimal score = BigDecimal.ZERO;
            if (value != null) {
                for (Band band : bands) {
                    if (direction == Direction.HIGHER_IS_BETTER && value.compareTo(band.bound()) >= 0) {
                        score = band.score(); // bands ascend: the last one reached wins
                    }
                }
                if (direction == Direction.LOWER_IS_BETTER) {
                    score = bands.stream().filter(b -> value.compareTo(b.bound()) <= 0).findFirst()
                            .map(Band::score).orElse(BigDecimal.ZERO);
                }
            }
            return score.setScale(SCORE_SCALE, RoundingMode.HALF_EVEN);
        }
    }
}
