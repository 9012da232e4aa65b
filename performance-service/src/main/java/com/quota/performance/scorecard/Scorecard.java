package com.quota.performance.scorecard;

import com.quota.performance.rules.RuleViolation;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A rep's scorecard for a period: live while the period runs, finalized at its close and immutable after.
 * Recomputing or finalizing a finalized scorecard is refused.
 */
public record Scorecard(UUID id, UUID repId, UUID unitId, String periodKey, UUID templateId, ScorecardStatus status,
                        ScorecardResult result, Integer rankInTeam, Integer teamSize, LocalDate finalizedAsOf, long version) {

    public Scorecard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(periodKey, "periodKey");
        Objects.requireNonNull(status, "status");
    }

    /** A new live scorecard. */
    public static Scorecard live(UUID id, UUID repId, UUID unitId, String periodKey, UUID templateId, ScorecardResult result) {
        return new Scorecard(id, repId, unitId, periodKey, templateId, ScorecardStatus.LIVE, result, null, null, null, 0);
    }

    /** The scorecard with a fresh result (after a source changed). */
    public Scorecard recomputed(ScorecardResult newResult) {
        requireLive("recompute");
        return new Scorecard(id, repId, unitId, periodKey, templateId, status, newResult, rankInTeam, teamSize,
                finalizedAsOf, version + 1);
    }

    /** Freezes the scorecard with its final result and rank; nothing changes it afterwards. */
    public Scorecard finalized(ScorecardResult finalResult, TeamRanking.Rank rank, LocalDate asOf) {
        requireLive("finalize");
        return new Scorecard(id, repId, unitId, periodKey, templateId, ScorecardStatus.FINALIZED, finalResult,
                rank.rank(), rank.teamSize(), asOf, version + 1);
    }

    public boolean isFinalized() {
        return status == ScorecardStatus.FINALIZED;
    }

    private void requireLive(String action) {
        if (isFinalized()) {
            throw RuleViolation.stateConflict("scorecard-finalized",
                    "the scorecard for " + periodKey + " is finalized and cannot " + action + " any more");
        }
    }
}
