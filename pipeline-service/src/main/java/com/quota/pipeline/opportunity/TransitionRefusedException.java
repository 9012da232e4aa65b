package com.quota.pipeline.opportunity;

import java.util.Set;
import java.util.TreeSet;

/** An action the opportunity's status does not allow (the web layer answers 409 with the allowed ones). */
public class TransitionRefusedException extends RuntimeException {

    private final OpportunityStatus from;
    private final OpportunityAction action;

    public TransitionRefusedException(OpportunityStatus from, OpportunityAction action) {
        super(action.apiName() + " is not allowed when the opportunity is " + from);
        this.from = from;
        this.action = action;
    }

    public OpportunityStatus from() {
        return from;
    }

    public OpportunityAction action() {
        return action;
    }

    /** The API names of what the status allows, sorted. */
    public Set<String> allowed() {
        Set<String> names = new TreeSet<>();
        from.allowedActions().forEach(a -> names.add(a.apiName()));
        return names;
    }
}
