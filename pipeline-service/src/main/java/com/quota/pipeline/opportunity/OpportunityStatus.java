package com.quota.pipeline.opportunity;

import java.util.EnumSet;
import java.util.Set;

/** Where an opportunity is in its life, and what may be done to it there. */
public enum OpportunityStatus {
    OPEN(EnumSet.of(OpportunityAction.UPDATE, OpportunityAction.ADVANCE, OpportunityAction.MOVE_BACK,
            OpportunityAction.TRANSFER, OpportunityAction.CHANGE_OWNERS, OpportunityAction.SUSPEND,
            OpportunityAction.TERMINATE, OpportunityAction.WIN, OpportunityAction.LOSE, OpportunityAction.ADD_ACTIVITY)),
    SUSPENDED(EnumSet.of(OpportunityAction.UPDATE, OpportunityAction.TRANSFER, OpportunityAction.CHANGE_OWNERS,
            OpportunityAction.REACTIVATE, OpportunityAction.TERMINATE, OpportunityAction.LOSE, OpportunityAction.ADD_ACTIVITY)),
    WON(EnumSet.of(OpportunityAction.REOPEN, OpportunityAction.ARCHIVE, OpportunityAction.ADD_ACTIVITY)),
    LOST(EnumSet.of(OpportunityAction.REOPEN, OpportunityAction.ARCHIVE, OpportunityAction.ADD_ACTIVITY)),
    // final: terminated deals are only archived
    TERMINATED(EnumSet.of(OpportunityAction.ARCHIVE)),
    ARCHIVED(EnumSet.noneOf(OpportunityAction.class));

    private final Set<OpportunityAction> allowed;

    OpportunityStatus(Set<OpportunityAction> allowed) {
        this.allowed = allowed;
    }

    public Set<OpportunityAction> allowedActions() {
        return EnumSet.copyOf(allowed.isEmpty() ? EnumSet.noneOf(OpportunityAction.class) : allowed);
    }

    public boolean allows(OpportunityAction action) {
        return allowed.contains(action);
    }
}
