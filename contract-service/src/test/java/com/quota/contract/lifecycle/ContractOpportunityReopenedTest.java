package com.quota.contract.lifecycle;

import com.quota.contract.rules.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contract whose opportunity was reopened: withdrawn when an untouched automatic draft, else held before signing. */
class ContractOpportunityReopenedTest {

    private static final LocalDate REOPENED_ON = LocalDate.of(2026, 11, 24);

    private static void refusedAsReopened(Executable change) {
        assertThatThrownBy(change::execute).isInstanceOfSatisfying(RuleViolation.class, v -> {
            assertThat(v.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
            assertThat(v.slug()).isEqualTo("opportunity-reopened");
        });
    }

    @Test
    void onlyADraftMadeByTheServiceAndNeverSubmittedIsWithdrawn() {
        Contract auto = Contract.draft(UUID.randomUUID(), "C-2026-000009", termsOf(ContractMother.draft("100.00")),
                new Actor("contract-service", null), ContractMother.NOW);
        assertThat(auto.isUntouchedDraftOf("contract-service")).isTrue();
        assertThat(ContractMother.draft("100.00").isUntouchedDraftOf("contract-service")).as("drafted by a person").isFalse();
        auto.submit(ContractMother.SUBMITTER, ContractMother.POLICY);
        assertThat(auto.isUntouchedDraftOf("contract-service")).as("submitted").isFalse();
        assertThat(ContractMother.signed("100.00").isUntouchedDraftOf("rep.liu")).isFalse();
    }

    private static DraftTerms termsOf(Contract c) {
        return new DraftTerms(UUID.randomUUID(), c.accountId(), c.title(), c.owners(), c.dimensions(), c.value(), c.fxRate(),
                c.reportingCurrency(), c.currentVersion().terms(), c.currentVersion().startDate(), c.currentVersion().endDate(), null);
    }

    @Test
    void aFlaggedContractIsNotSubmittedApprovedOrSignedUntilTheOpportunityIsWonAgain() {
        Contract draft = ContractMother.draft("50000.00");
        draft.flagOpportunityReopened(REOPENED_ON, "PO withdrawn");
        refusedAsReopened(() -> draft.submit(ContractMother.SUBMITTER, ContractMother.POLICY));
        assertThat(draft.status()).isEqualTo(ContractStatus.DRAFT);
        draft.clearOpportunityReopened();
        draft.submit(ContractMother.SUBMITTER, ContractMother.POLICY);
        assertThat(draft.status()).isEqualTo(ContractStatus.PENDING_APPROVAL);

        draft.flagOpportunityReopened(REOPENED_ON, "PO withdrawn");
        refusedAsReopened(() -> draft.approve(ContractMother.manager(), "ok", ContractMother.NOW));
        assertThat(draft.currentStep()).isPresent();

        Contract approved = ContractMother.approved("50000.00");
        approved.flagOpportunityReopened(REOPENED_ON, "PO withdrawn");
        refusedAsReopened(() -> approved.sign(ContractMother.SIGNED_ON, ContractMother.SUBMITTER));
        assertThat(approved.status()).isEqualTo(ContractStatus.APPROVED);
        assertThat(approved.drainEvents()).isEmpty();
    }

    @Test
    void aSignedContractKeepsGoingWhileFlaggedForAHumanToDecide() {
        Contract signed = ContractMother.signed("50000.00");
        signed.flagOpportunityReopened(REOPENED_ON, "PO withdrawn");
        assertThat(signed.opportunityReopening()).contains(new Contract.OpportunityReopening(REOPENED_ON, "PO withdrawn"));
        signed.startExecution();
        signed.terminate(LocalDate.of(2026, 11, 25), "deal reopened", ContractMother.SUBMITTER);
        assertThat(signed.status()).isEqualTo(ContractStatus.TERMINATED);
    }
}
