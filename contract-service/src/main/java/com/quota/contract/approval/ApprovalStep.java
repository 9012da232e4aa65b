package com.quota.contract.approval;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a contract's approval chain in one submission round, and its decision once made.
 *
 * @param decision null while undecided
 */
public record ApprovalStep(int round, int stepNo, ApproverRole role, Decision decision, String decidedBy,
                           UUID decidedByRepId, String comment, Instant decidedAt) {

    /** What the approver decided. */
    public enum Decision { APPROVED, REJECTED }

    public static ApprovalStep open(int round, int stepNo, ApproverRole role) {
        return new ApprovalStep(round, stepNo, role, null, null, null, null, null);
    }

    public boolean isOpen() {
        return decision == null;
    }

    public ApprovalStep decide(Decision decision, String subject, UUID repId, String comment, Instant at) {
        return new ApprovalStep(round, stepNo, role, decision, subject, repId, comment, at);
    }
}
