package com.quota.targets.attainment;

import java.util.Optional;

/**
 * The behind-pace rule: an owner × metric × period is either on pace or behind. Crossing below the threshold (after
 * the minimum elapsed share) raises one {@link PaceAlert#BEHIND_PACE}; recovering to the threshold or above raises
 * one {@link PaceAlert#BACK_ON_PACE}. Staying on either side raises nothing, so each crossing alerts exactly once.
 */
public final class PaceWatch {

    /** Where an owner stands for a period. */
    public enum PaceState { ON_PACE, BEHIND }

    /** The alert a crossing raises. */
    public enum PaceAlert { BEHIND_PACE, BACK_ON_PACE }

    /** The state after an evaluation, and the alert to raise if it crossed. */
    public record Decision(PaceState state, Optional<PaceAlert> alert) {
    }

    private PaceWatch() {
    }

    /**
     * Evaluates the TARGET level's pace of {@code figures}. Without a pace (no target, nothing expected yet) or before
     * the minimum elapsed share, the state stays as it was.
     */
    public static Decision evaluate(PaceState previous, PeriodFigures figures, PaceAlertSettings settings) {
        LevelFigures target = figures.levels().get(TargetLevel.TARGET);
        if (target == null || target.pacePercent() == null || figures.elapsedPercent() == null
                || figures.elapsedPercent().compareTo(settings.minimumElapsedPercent()) < 0) {
            return new Decision(previous, Optional.empty());
        }
        boolean behind = target.pacePercent().compareTo(settings.thresholdPercent()) < 0;
        if (behind && previous != PaceState.BEHIND) {
            return new Decision(PaceState.BEHIND, Optional.of(PaceAlert.BEHIND_PACE));
        }
        if (!behind && previous == PaceState.BEHIND) {
            return new Decision(PaceState.ON_PACE, Optional.of(PaceAlert.BACK_ON_PACE));
        }
        return new Decision(previous, Optional.empty());
    }
}
