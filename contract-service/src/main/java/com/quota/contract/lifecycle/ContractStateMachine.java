package com.quota.contract.lifecycle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.quota.contract.lifecycle.ContractAction.*;
import static com.quota.contract.lifecycle.ContractStatus.*;

/**
 * The transitions of DOMAIN.md: DRAFT → PENDING_APPROVAL → APPROVED → SIGNED → IN_EXECUTION → COMPLETED → CLOSED;
 * IN_EXECUTION ⇄ SUSPENDED; PENDING_APPROVAL → REJECTED → DRAFT; TERMINATED from SIGNED, IN_EXECUTION or SUSPENDED.
 * Everything else is refused, naming the actions that are allowed.
 */
public final class ContractStateMachine {

    private static final Map<ContractStatus, Map<ContractAction, ContractStatus>> TRANSITIONS = new EnumMap<>(ContractStatus.class);

    static {
        for (ContractStatus status : ContractStatus.values()) {
            TRANSITIONS.put(status, new EnumMap<>(ContractAction.class));
        }
        allow(DRAFT, SUBMIT, PENDING_APPROVAL);
        // APPROVE leads to APPROVED once the last step of the chain approves; earlier steps keep PENDING_APPROVAL
        allow(PENDING_APPROVAL, APPROVE, APPROVED);
        allow(PENDING_APPROVAL, REJECT, REJECTED);
        allow(REJECTED, REVISE, DRAFT);
        allow(APPROVED, SIGN, SIGNED);
        allow(SIGNED, START_EXECUTION, IN_EXECUTION);
        allow(IN_EXECUTION, SUSPEND, SUSPENDED);
        allow(SUSPENDED, RESUME, IN_EXECUTION);
        allow(IN_EXECUTION, COMPLETE, COMPLETED);
        allow(COMPLETED, CLOSE, CLOSED);
        allow(SIGNED, TERMINATE, TERMINATED);
        allow(IN_EXECUTION, TERMINATE, TERMINATED);
        allow(SUSPENDED, TERMINATE, TERMINATED);
    }

    private ContractStateMachine() {
    }

    private static void allow(ContractStatus from, ContractAction action, ContractStatus to) {
        TRANSITIONS.get(from).put(action, to);
    }

    /** The status {@code action} leads to from {@code from}, or empty when it is not allowed. */
    public static Optional<ContractStatus> target(ContractStatus from, ContractAction action) {
        return Optional.ofNullable(TRANSITIONS.get(from).get(action));
    }

    /** The status {@code action} leads to; throws {@link TransitionRefused} naming the allowed actions otherwise. */
    public static ContractStatus require(ContractStatus from, ContractAction action) {
        return target(from, action).orElseThrow(() -> new TransitionRefused(from, action, allowedFrom(from)));
    }

    /** The actions allowed from {@code from}, in declaration order. */
    public static Set<ContractAction> allowedFrom(ContractStatus from) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(TRANSITIONS.get(from).keySet()));
    }
}
