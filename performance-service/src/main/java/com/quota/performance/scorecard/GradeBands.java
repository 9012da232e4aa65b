package com.quota.performance.scorecard;

import com.quota.performance.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** Grades by score: the first band whose minimum the score reaches, else the fallback grade (A ≥ 90, B ≥ 75, C ≥ 60, else D). */
public record GradeBands(List<GradeBand> bands, String fallbackGrade) {

    /** A grade and the least score that earns it. */
    public record GradeBand(String grade, BigDecimal minScore) {
        public GradeBand {
            RuleViolation.require(grade != null && !grade.isBlank(), "invalid-grade-bands", "a grade band needs a grade");
            Objects.requireNonNull(minScore, "minScore");
        }
    }

    /** The usual A/B/C/D bands. */
    public static GradeBands standard() {
        return new GradeBands(List.of(
                new GradeBand("A", BigDecimal.valueOf(90)),
                new GradeBand("B", BigDecimal.valueOf(75)),
                new GradeBand("C", BigDecimal.valueOf(60))), "D");
    }

    public GradeBands {
        Objects.requireNonNull(bands, "bands");
        RuleViolation.require(fallbackGrade != null && !fallbackGrade.isBlank(), "invalid-grade-bands",
                "grade bands need a fallback grade for scores below every band");
        for (int i = 1; i < bands.size(); i++) {
            RuleViolation.require(bands.get(i).minScore().compareTo(bands.get(i - 1).minScore()) < 0, "invalid-grade-bands",
                    "grade bands must be listed best first with strictly falling minimum scores");
        }
        bands = List.copyOf(bands);
    }

    public String gradeOf(BigDecimal score) {
        return bands.stream().filter(b -> score.compareTo(b.minScore()) >= 0).findFirst()
                .map(GradeBand::grade).orElse(fallbackGrade);
    }
}
