package com.quota.contract.lifecycle;

import com.quota.contract.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static com.quota.contract.lifecycle.ContractMother.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An amendment adds version n+1 with a reason; the delta may be negative; closed and terminated contracts refuse. */
class ContractAmendmentTest {

    static final LocalDate EFFECTIVE = LocalDate.of(2026, 12, 15);

    @Test
    void anAmendmentAddsVersionTwoKeepingVersionOneAndRaisesTheDelta() {
        Contract contract = signed("180000.00");
        ContractVersion v2 = contract.amend(new Amendment(cny("150000.00"), "reduced scope", null, null, "two units cancelled", EFFECTIVE), MANAGER, NOW);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(contract.versions()).extracting(ContractVersion::version).containsExactly(1, 2);
        assertThat(contract.version(1)).get().extracting(ContractVersion::value).isEqualTo(cny("180000.00"));
        assertThat(contract.value()).isEqualTo(cny("150000.00"));
        assertThat(contract.drainEvents()).singleElement().isInstanceOfSatisfying(ContractEvent.Amended.class, amended -> {
            assertThat(amended.current().value().minus(amended.previous().value())).isEqualTo(cny("-30000.00"));
            assertThat(amended.current().reason()).isEqualTo("two units cancelled");
        });
    }

    @Test
    void closedTerminatedAndUnsignedContractsCannotBeAmended() {
        Contract terminated = signed("1000.00");
        terminated.terminate(SIGNED_ON, "budget frozen", MANAGER);
        Contract closed = inExecution("1000.00");
        closed.complete(SIGNED_ON, MANAGER);
        closed.close();
        for (Contract contract : new Contract[]{terminated, closed, draft("1000.00")}) {
            assertThatThrownBy(() -> contract.amend(new Amendment(cny("2000.00"), null, null, null, "more", EFFECTIVE), MANAGER, NOW))
                    .isInstanceOfSatisfying(RuleViolation.class, v -> {
                        assertThat(v.slug()).isEqualTo("contract-not-amendable");
                        assertThat(v.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
                    });
            assertThat(contract.versions()).hasSize(1);
        }
    }

    @Test
    void anAmendmentNeedsAReasonAChangeAndAValueNotBelowWhatWasCollected() {
        Contract contract = inExecution("1000.00");
        contract.receivePayment(new com.quota.contract.execution.Payment(java.util.UUID.randomUUID(), cny("600.00"), SIGNED_ON, null, null, "erp", null, NOW));
        assertThatThrownBy(() -> contract.amend(new Amendment(cny("500.00"), null, null, null, "less", EFFECTIVE), MANAGER, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("value-below-collected"));
        assertThatThrownBy(() -> contract.amend(new Amendment(cny("900.00"), null, null, null, " ", EFFECTIVE), MANAGER, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("reason-required"));
        assertThatThrownBy(() -> contract.amend(new Amendment(cny("1000.00"), null, null, null, "same", EFFECTIVE), MANAGER, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("amendment-changes-nothing"));
        assertThat(contract.versions()).hasSize(1);
    }

    @Test
    void terminationKeepsDateAndReasonAndRaisesTheEvent() {
        Contract contract = inExecution("1000.00");
        contract.suspend("customer audit");
        assertThat(contract.suspensionReason()).isEqualTo("customer audit");
        contract.terminate(LocalDate.of(2026, 12, 1), "budget frozen", DIRECTOR);
        assertThat(contract.status()).isEqualTo(ContractStatus.TERMINATED);
        assertThat(contract.terminationDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(contract.terminationReason()).isEqualTo("budget frozen");
        assertThat(contract.drainEvents()).singleElement().isInstanceOfSatisfying(ContractEvent.Terminated.class,
                t -> assertThat(t.previousStatus()).isEqualTo(ContractStatus.SUSPENDED));
    }

    @Test
    void suspendAndResumeNeedAReason() {
        Contract contract = inExecution("1000.00");
        assertThatThrownBy(() -> contract.suspend(null)).isInstanceOf(RuleViolation.class);
        assertThat(contract.status()).isEqualTo(ContractStatus.IN_EXECUTION);
        contract.suspend("audit");
        assertThatThrownBy(() -> contract.resume("")).isInstanceOf(RuleViolation.class);
        contract.resume("audit passed");
        assertThat(contract.status()).isEqualTo(ContractStatus.IN_EXECUTION);
    }

    @Test
    void afterALoweringAmendmentOverdueReceivablesNeverExceedWhatIsOutstanding() {
        Contract contract = inExecution("1000.00");
        contract.planPayments(java.util.List.of(new com.quota.contract.execution.Instalment(java.util.UUID.randomUUID(),
                LocalDate.of(2026, 12, 1), cny("1000.00"))));
        contract.amend(new Amendment(cny("600.00"), null, null, null, "one site cancelled", LocalDate.of(2026, 11, 25)), SUBMITTER, NOW);
        // the plan still says 1,000 was due; only 600 can be owed
        assertThat(contract.overdueReceivables(LocalDate.of(2026, 12, 15))).isEqualTo(cny("600.00"));
        assertThat(contract.overdueReceivables(LocalDate.of(2026, 11, 30))).isEqualTo(cny("0.00"));
    }
}
