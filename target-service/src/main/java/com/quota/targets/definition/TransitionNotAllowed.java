package com.quota.targets.definition;

import java.util.Set;

/** An action that the target's current status does not allow (409 with the allowed actions). */
public class TransitionNotAllowed extends RuntimeException {

    private final TargetStatus from;
    private final TargetAction action;
    private final Set<TargetAction> allowed;

    public TransitionNotAllowed(TargetStatus from, TargetAction action, Set<TargetAction> allowed) {
        super(action + " is not allowed from " + from + "; allowed: " + allowed);
        this.from = from;
        this.action = action;
        this.allowed = Set.copyOf(allowed);
    }

    public TargetStatus from() {
        return from;
    }

    public TargetAction action() {
        return action;
    }

    public Set<TargetAction> allowed() {
        return allowed;
    }
}
