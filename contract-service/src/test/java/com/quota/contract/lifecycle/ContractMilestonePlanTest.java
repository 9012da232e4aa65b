package com.quota.contract.lifecycle;

import com.quota.contract.execution.Milestone;
import com.quota.contract.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replacing a milestone plan keeps the milestones that stay in it (by id, or by name without one) with what is done. */
class ContractMilestonePlanTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 31);
    private final AtomicInteger issued = new AtomicInteger();

    private UUID newId() {
        issued.incrementAndGet();
        return UUID.randomUUID();
    }

    @Test
    void aPlanSentAgainKeepsIdsAndCompletionAndOnlyNewMilestonesGetNewIds() {
        Contract contract = ContractMother.inExecution("10000.00");
        UUID chosen = UUID.randomUUID();
        contract.planMilestones(List.of(new Milestone(chosen, "delivery", 40, DUE, null), new Milestone(null, "acceptance", 60, DUE, null)), this::newId);
        UUID acceptance = contract.milestones().get(1).id();
        assertThat(contract.milestones().get(0).id()).isEqualTo(chosen);
        assertThat(issued).hasValue(1);
        contract.completeMilestone(chosen, DUE.minusDays(3));
        contract.completeMilestone(acceptance, DUE.minusDays(1));

        contract.planMilestones(List.of(new Milestone(chosen, "delivery", 30, DUE, null), new Milestone(null, "acceptance", 50, DUE, null),
                new Milestone(null, "training", 20, DUE, null)), this::newId);

        assertThat(contract.milestones()).extracting(Milestone::id).startsWith(chosen, acceptance);
        assertThat(contract.milestones()).extracting(Milestone::completedOn).containsExactly(DUE.minusDays(3), DUE.minusDays(1), null);
        assertThat(issued).hasValue(2);
        assertThat(contract.percentComplete()).isEqualByComparingTo("80");
    }

    @Test
    void completingAMilestoneTheContractDoesNotHaveIsNotFound() {
        Contract contract = ContractMother.inExecution("10000.00");
        contract.planMilestones(List.of(new Milestone(null, "delivery", 100, DUE, null)), this::newId);
        assertThatThrownBy(() -> contract.completeMilestone(UUID.randomUUID(), DUE))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.kind()).isEqualTo(RuleViolation.Kind.NOT_FOUND);
                    assertThat(v.slug()).isEqualTo("milestone-not-found");
                });
        assertThat(contract.milestones().get(0).isCompleted()).isFalse();
    }
}
