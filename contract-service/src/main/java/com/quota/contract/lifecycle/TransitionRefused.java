package com.quota.contract.lifecycle;

import java.util.Set;
import java.util.stream.Collectors;

/** An action the contract's status does not allow; carries the actions that are allowed (answered as 409). */
public final class TransitionRefused extends RuntimeException {

    private final ContractStatus from;
    private final ContractAction action;
    private final Set<ContractAction> allowed;

    public TransitionRefused(ContractStatus from, ContractAction action, Set<ContractAction> allowed) {
        super("A contract in status " + from + " cannot " + action.pathName() + "; allowed: "
                + (allowed.isEmpty() ? "none" : allowed.stream().map(ContractAction::pathName).collect(Collectors.joining(", "))));
        this.from = from;
        this.action = action;
        this.allowed = Set.copyOf(allowed);
    }

    public ContractStatus from() {
        return from;
    }

    public ContractAction action() {
        return action;
    }

    /** The allowed actions, as their path names, sorted. */
    public Set<String> allowedNames() {
        return allowed.stream().map(ContractAction::pathName).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
