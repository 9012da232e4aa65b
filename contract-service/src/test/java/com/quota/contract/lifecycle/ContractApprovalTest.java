package com.quota.contract.lifecycle;

import com.quota.contract.approval.ApprovalStep;
import com.quota.contract.approval.ApproverRole;
import com.quota.contract.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.quota.contract.lifecycle.ContractMother.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Submitting builds the chain for the value; each step is decided by its role, never by the submitter. */
class ContractApprovalTest {

    @Test
    void aSmallContractNeedsTheOwnersManagerOnly() {
        Contract contract = draft("80000.00");
        contract.submit(SUBMITTER, POLICY);
        assertThat(contract.status()).isEqualTo(ContractStatus.PENDING_APPROVAL);
        assertThat(contract.currentStep()).get().extracting(ApprovalStep::role).isEqualTo(ApproverRole.MANAGER);
        contract.approve(manager(), "fine", NOW);
        assertThat(contract.status()).isEqualTo(ContractStatus.APPROVED);
        assertThat(contract.approvals()).singleElement().satisfies(step -> {
            assertThat(step.decision()).isEqualTo(ApprovalStep.Decision.APPROVED);
            assertThat(step.decidedBy()).isEqualTo("manager.zhang");
            assertThat(step.comment()).isEqualTo("fine");
        });
    }

    @Test
    void aLargeContractNeedsADirectorThenFinanceAndStaysPendingInBetween() {
        Contract contract = draft("2000000.00");
        contract.submit(SUBMITTER, POLICY);
        contract.approve(director(), "commercially fine", NOW);
        assertThat(contract.status()).isEqualTo(ContractStatus.PENDING_APPROVAL);
        assertThat(contract.currentStep()).get().extracting(ApprovalStep::role).isEqualTo(ApproverRole.ADMIN);
        contract.approve(new Approver(FINANCE, Set.of(ApproverRole.ADMIN), false), "budget ok", NOW);
        assertThat(contract.status()).isEqualTo(ContractStatus.APPROVED);
    }

    @Test
    void theSubmitterNeverApprovesEvenWithTheRole() {
        Contract contract = draft("80000.00");
        Actor managerSubmitting = MANAGER;
        contract.submit(managerSubmitting, POLICY);
        assertThatThrownBy(() -> contract.approve(manager(), "me", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("approver-is-submitter"));
        assertThat(contract.status()).isEqualTo(ContractStatus.PENDING_APPROVAL);
        assertThat(contract.currentStep()).get().extracting(ApprovalStep::isOpen).isEqualTo(true);
    }

    @Test
    void theWrongRoleOrAManagerOfAnotherUnitIsForbidden() {
        Contract contract = draft("500000.00");
        contract.submit(SUBMITTER, POLICY);
        assertThatThrownBy(() -> contract.approve(manager(), "no", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.kind()).isEqualTo(RuleViolation.Kind.FORBIDDEN);
                    assertThat(v.slug()).isEqualTo("not-the-approver");
                });
        Contract small = draft("1000.00");
        small.submit(SUBMITTER, POLICY);
        assertThatThrownBy(() -> small.approve(new Approver(MANAGER, Set.of(ApproverRole.MANAGER), false), "x", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("not-the-approver"));
    }

    @Test
    void onePersonDecidesOneStepOfAChain() {
        Contract contract = draft("2000000.00");
        contract.submit(SUBMITTER, POLICY);
        Approver both = new Approver(DIRECTOR, Set.of(ApproverRole.DIRECTOR, ApproverRole.ADMIN), false);
        contract.approve(both, "ok", NOW);
        assertThatThrownBy(() -> contract.approve(both, "ok again", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("approver-already-decided"));
    }

    @Test
    void aRejectionNeedsACommentAndARevisedDraftGoesThroughANewRound() {
        Contract contract = draft("80000.00");
        contract.submit(SUBMITTER, POLICY);
        assertThatThrownBy(() -> contract.reject(manager(), " ", NOW)).isInstanceOf(RuleViolation.class);
        contract.reject(manager(), "price too low", NOW);
        assertThat(contract.status()).isEqualTo(ContractStatus.REJECTED);
        contract.revise(cny("150000.00"), null, null, null, SUBMITTER, NOW);
        assertThat(contract.status()).isEqualTo(ContractStatus.DRAFT);
        assertThat(contract.value()).isEqualTo(cny("150000.00"));
        assertThat(contract.versions()).hasSize(1);
        contract.submit(SUBMITTER, POLICY);
        assertThat(contract.approvalRound()).isEqualTo(2);
        assertThat(contract.currentStep()).get().extracting(ApprovalStep::role).isEqualTo(ApproverRole.DIRECTOR);
    }

    @Test
    void approvingOutsidePendingApprovalIsARefusedTransition() {
        Contract contract = draft("80000.00");
        assertThatThrownBy(() -> contract.approve(manager(), "early", NOW))
                .isInstanceOfSatisfying(TransitionRefused.class, r -> assertThat(r.allowedNames()).containsExactly("submit"));
    }

    @Test
    void ownersNeedSplitsOfOneHundredAndOnePrimary() {
        assertThatThrownBy(() -> Contract.draft(java.util.UUID.randomUUID(), "n", new DraftTerms(null, java.util.UUID.randomUUID(), "t",
                java.util.List.of(new OwnerShare(REP, new java.math.BigDecimal("60"), true), new OwnerShare(CO_REP, new java.math.BigDecimal("30"), false)),
                Dimensions.NONE, cny("1.00"), java.math.BigDecimal.ONE, java.util.Currency.getInstance("CNY"), null,
                java.time.LocalDate.of(2026, 1, 1), null, null), SUBMITTER, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("owner-splits-invalid"));
    }
}
