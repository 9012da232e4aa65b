package com.quota.contract.lifecycle;

import com.quota.contract.approval.ApprovalPolicy;
import com.quota.contract.approval.ApprovalRule;
import com.quota.contract.approval.ApproverRole;
import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Contracts in every state for unit tests. */
final class ContractMother {

    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    static final LocalDate SIGNED_ON = LocalDate.of(2026, 11, 20);
    static final UUID REP = UUID.randomUUID();
    static final UUID CO_REP = UUID.randomUUID();
    static final Actor SUBMITTER = new Actor("rep.liu", REP);
    static final Actor MANAGER = new Actor("manager.zhang", UUID.randomUUID());
    static final Actor DIRECTOR = new Actor("director.zhang", UUID.randomUUID());
    static final Actor FINANCE = new Actor("admin", null);
    static final ApprovalPolicy POLICY = ApprovalPolicy.of(List.of(
            new ApprovalRule(UUID.randomUUID(), new BigDecimal("0"), new BigDecimal("100000"), List.of(ApproverRole.MANAGER), 0),
            new ApprovalRule(UUID.randomUUID(), new BigDecimal("100000"), new BigDecimal("1000000"), List.of(ApproverRole.DIRECTOR), 0),
            new ApprovalRule(UUID.randomUUID(), new BigDecimal("1000000"), null, List.of(ApproverRole.DIRECTOR, ApproverRole.ADMIN), 0)));

    private ContractMother() {
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static Contract draft(String value) {
        return Contract.draft(UUID.randomUUID(), "C-2026-000001", new DraftTerms(null, UUID.randomUUID(), "Lab upgrade",
                List.of(new OwnerShare(REP, new BigDecimal("60"), true), new OwnerShare(CO_REP, new BigDecimal("40"), false)),
                Dimensions.NONE, cny(value), BigDecimal.ONE, Currency.getInstance("CNY"), "Net 30",
                LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30), null), SUBMITTER, NOW);
    }

    static Approver manager() {
        return new Approver(MANAGER, Set.of(ApproverRole.MANAGER), true);
    }

    static Approver director() {
        return new Approver(DIRECTOR, Set.of(ApproverRole.DIRECTOR), false);
    }

    static Contract approved(String value) {
        Contract contract = draft(value);
        contract.submit(SUBMITTER, POLICY);
        while (contract.currentStep().isPresent()) {
            ApproverRole role = contract.currentStep().get().role();
            Approver approver = switch (role) {
                case MANAGER -> manager();
                case DIRECTOR -> director();
                case ADMIN -> new Approver(FINANCE, Set.of(ApproverRole.ADMIN), false);
            };
            contract.approve(approver, "ok", NOW);
        }
        return contract;
    }

    static Contract signed(String value) {
        Contract contract = approved(value);
        contract.sign(SIGNED_ON, SUBMITTER);
        contract.drainEvents();
        return contract;
    }

    static Contract inExecution(String value) {
        Contract contract = signed(value);
        contract.startExecution();
        return contract;
    }
}
