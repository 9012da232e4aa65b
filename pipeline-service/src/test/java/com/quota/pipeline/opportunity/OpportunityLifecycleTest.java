package com.quota.pipeline.opportunity;

import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.RuleViolationException;
import com.quota.pipeline.opportunity.OpportunityChange.TransferKind;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.PipelineFixture;
import com.quota.pipeline.pipeline.StageOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;

import static com.quota.pipeline.opportunity.OpportunityFixture.NOW;
import static com.quota.pipeline.opportunity.OpportunityFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpportunityLifecycleTest {

    private final Pipeline pipeline = PipelineFixture.abc();
    private final UUID liu = UUID.randomUUID();
    private final UUID chen = UUID.randomUUID();

    @Test
    void aNewOpportunityStartsOpenInTheFirstStageWithOneStageVisit() {
        Opportunity o = Opportunity.create(UUID.randomUUID(), UUID.randomUUID(), pipeline, " Deal ", new BigDecimal("100.5"),
                Currency.getInstance("CNY"), null, null, Owners.solely(liu), null, "CRM-1", TODAY, NOW);
        assertThat(o.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(o.stage().code()).isEqualTo("A");
        assertThat(o.title()).isEqualTo("Deal");
        assertThat(o.amount()).isEqualByComparingTo("100.50").hasScaleOf(2);
        assertThat(o.stageHistory()).hasSize(1);
        assertThat(o.changes()).containsExactly(new OpportunityChange.Created());
    }

    @Test
    void anAmountOfZeroOrWithTooManyDecimalsIsRefused() {
        assertThatThrownBy(() -> Opportunity.create(UUID.randomUUID(), UUID.randomUUID(), pipeline, "Deal", BigDecimal.ZERO,
                Currency.getInstance("CNY"), null, null, Owners.solely(liu), null, null, TODAY, NOW))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("amount");
        assertThatThrownBy(() -> Opportunity.create(UUID.randomUUID(), UUID.randomUUID(), pipeline, "Deal",
                new BigDecimal("10.5"), Currency.getInstance("JPY"), null, null, Owners.solely(liu), null, null, TODAY, NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("decimals");
    }

    @Test
    void advancingAndMovingBackKeepsEveryStayWithItsDaysAndTheStageAsItWas() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.advance(null, TODAY.minusDays(20), NOW);
        o.advance(PipelineFixture.code(pipeline, "C"), TODAY.minusDays(5), NOW);
        o.moveBack(null, TODAY, NOW);

        assertThat(o.stage().code()).isEqualTo("B");
        assertThat(o.stageHistory()).extracting(v -> v.stage().code()).containsExactly("A", "B", "C", "B");
        assertThat(o.stageHistory().get(0).leftOn()).isEqualTo(TODAY.minusDays(20));
        assertThat(o.stageHistory().get(3).leftOn()).isNull();
        assertThat(o.changes()).containsExactly(
                new OpportunityChange.StageChanged(PipelineFixture.code(pipeline, "A"), PipelineFixture.code(pipeline, "B"), true, 10),
                new OpportunityChange.StageChanged(PipelineFixture.code(pipeline, "B"), PipelineFixture.code(pipeline, "C"), true, 15),
                new OpportunityChange.StageChanged(PipelineFixture.code(pipeline, "C"), PipelineFixture.code(pipeline, "B"), false, 5));
    }

    @Test
    void advanceNeedsALaterStageAndMoveBackAnEarlierOne() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        assertThatThrownBy(() -> o.moveBack(null, TODAY, NOW)).isInstanceOf(RuleViolationException.class)
                .extracting("slug").isEqualTo("stage-invalid");
        o.advance(PipelineFixture.code(pipeline, "C"), TODAY, NOW);
        assertThatThrownBy(() -> o.advance(PipelineFixture.code(pipeline, "B"), TODAY, NOW)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> o.advance(null, TODAY, NOW)).hasMessageContaining("last open stage");
        assertThatThrownBy(() -> o.advance(pipeline.wonStage(), TODAY, NOW)).hasMessageContaining("not an open stage");
        assertThat(o.stage().code()).isEqualTo("C");
    }

    @Test
    void aTransferNeverResetsTheStageOrItsHistory() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.advance(null, TODAY, NOW);
        o.transfer(Owners.solely(chen), "Liu moved to the north region", TODAY);

        assertThat(o.owners().primaryRepId()).isEqualTo(chen);
        assertThat(o.stage().code()).isEqualTo("B");
        assertThat(o.stageHistory()).hasSize(2);
        assertThat(o.stageEnteredOn()).isEqualTo(TODAY);
        assertThat(o.changes().get(1)).isEqualTo(new OpportunityChange.Transferred(TransferKind.TRANSFER,
                Owners.solely(liu), Owners.solely(chen), "Liu moved to the north region", TODAY));
    }

    @Test
    void coOwnersWithSplitsAreASplitChangeAndTheSameOwnersAreRefused() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.changeOwners(OpportunityFixture.split(liu, "60", chen, "40"), "Chen supports the application", TODAY);
        assertThat(o.owners().shares()).hasSize(2);
        assertThat(((OpportunityChange.Transferred) o.changes().get(0)).kind()).isEqualTo(TransferKind.SPLIT_CHANGE);
        Owners sameInOtherOrder = new Owners(java.util.List.of(new OwnerShare(chen, new BigDecimal("40.00"), false),
                new OwnerShare(liu, new BigDecimal("60"), true)));
        assertThatThrownBy(() -> o.changeOwners(sameInOtherOrder, "again", TODAY))
                .isInstanceOf(RuleViolationException.class).extracting("slug").isEqualTo("owners-unchanged");
        assertThatThrownBy(() -> o.transfer(Owners.solely(chen), " ", TODAY)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSuspendedDealLeavesTheForecastCannotBeWonAndComesBackOnReactivation() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.suspend("budget freeze");
        assertThat(o.status()).isEqualTo(OpportunityStatus.SUSPENDED);
        assertThatThrownBy(() -> o.win(TODAY, TODAY, null, OpportunityFixture.usdToCny("7.1"), NOW))
                .isInstanceOfSatisfying(TransitionRefusedException.class, e -> {
                    assertThat(e.from()).isEqualTo(OpportunityStatus.SUSPENDED);
                    assertThat(e.allowed()).containsExactly("add-activity", "change-owners", "lose", "reactivate",
                            "terminate", "transfer", "update");
                });
        o.reactivate(null);
        assertThat(o.status()).isEqualTo(OpportunityStatus.OPEN);
    }

    @Test
    void aWinFixesTheReportingAmountWithTheRateAndClosesIntoTheWonStage() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.win(TODAY.minusDays(1), TODAY, "5-year service package", OpportunityFixture.usdToCny("7.1234"), NOW);
        assertThat(o.status()).isEqualTo(OpportunityStatus.WON);
        assertThat(o.closeDate()).isEqualTo(TODAY.minusDays(1));
        assertThat(o.wonReportingAmount()).isEqualByComparingTo("1282212.00");
        assertThat(o.stage().closedAs()).isEqualTo(StageOutcome.WON);
        OpportunityChange.Won won = (OpportunityChange.Won) o.changes().get(0);
        assertThat(won.previousStage().code()).isEqualTo("A");
        assertThat(won.reportingAmount()).isEqualByComparingTo("1282212.00");
    }

    @Test
    void aLossNeedsAReasonAndTheCompetitorAndNoFutureDate() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        assertThatThrownBy(() -> o.lose(TODAY, TODAY, "price", null, NOW)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("competitor");
        assertThatThrownBy(() -> o.lose(TODAY, TODAY, "", "Beifang", NOW)).extracting("field").isEqualTo("reason");
        assertThatThrownBy(() -> o.lose(TODAY.plusDays(1), TODAY, "price", "Beifang", NOW)).extracting("field").isEqualTo("closeDate");
        assertThat(o.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(o.changes()).isEmpty();

        o.lose(TODAY, TODAY, "price", "Beifang", NOW);
        assertThat(o.status()).isEqualTo(OpportunityStatus.LOST);
        assertThat(o.changes()).containsExactly(new OpportunityChange.Lost(PipelineFixture.code(pipeline, "A"), TODAY, "price", "Beifang"));
    }

    @Test
    void reopeningAWinReturnsToTheStageItClosedFromAndCarriesTheFixedRate() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.advance(null, TODAY.minusDays(3), NOW);
        o.win(TODAY.minusDays(2), TODAY, null, OpportunityFixture.usdToCny("7"), NOW);
        o.reopen(null, "PO withdrawn", TODAY, NOW);
        assertThat(o.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(o.stage().code()).isEqualTo("B");
        assertThat(o.closeDate()).isNull();
        OpportunityChange.Reopened reopened = (OpportunityChange.Reopened) o.changes().get(2);
        assertThat(reopened.previousStatus()).isEqualTo(OpportunityStatus.WON);
        assertThat(reopened.previousCloseDate()).isEqualTo(TODAY.minusDays(2));
        assertThat(reopened.fixedReportingAmount()).isEqualByComparingTo("1260000.00");
        assertThat(o.stageHistory()).extracting(v -> v.stage().code()).containsExactly("A", "B", "WON", "B");
    }

    @Test
    void terminatedIsFinalAndOnlyArchivedAfterwards() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        o.terminate("customer went bankrupt");
        assertThatThrownBy(() -> o.reactivate(null)).isInstanceOf(TransitionRefusedException.class)
                .satisfies(e -> assertThat(((TransitionRefusedException) e).allowed()).containsExactly("archive"));
        o.archive(null);
        assertThat(o.status()).isEqualTo(OpportunityStatus.ARCHIVED);
        assertThatThrownBy(() -> o.reopen(null, "oops", TODAY, NOW)).isInstanceOf(TransitionRefusedException.class)
                .satisfies(e -> assertThat(((TransitionRefusedException) e).allowed()).isEmpty());
    }

    @Test
    void anOpenDealCannotBeArchivedOrReopened() {
        Opportunity o = OpportunityFixture.open(pipeline, liu);
        assertThatThrownBy(() -> o.archive(null)).isInstanceOf(TransitionRefusedException.class);
        assertThatThrownBy(() -> o.reopen(null, "x", TODAY, NOW)).isInstanceOf(TransitionRefusedException.class);
    }

    @ParameterizedTest
    @EnumSource(OpportunityAction.class)
    void everyStatusRefusesWhatItDoesNotAllowAndNamesWhatItDoes(OpportunityAction action) {
        for (OpportunityStatus status : OpportunityStatus.values()) {
            Opportunity o = Opportunity.restore(UUID.randomUUID(), UUID.randomUUID(), pipeline, "Deal",
                    new BigDecimal("10.00"), Currency.getInstance("CNY"), null, Dimensions.none(), Owners.solely(liu),
                    PipelineFixture.code(pipeline, "B"), TODAY, status, status == OpportunityStatus.WON || status == OpportunityStatus.LOST
                            ? TODAY : null, null, null, null, java.util.List.of());
            Runnable command = command(o, action);
            if (status.allows(action)) {
                command.run();
            } else {
                assertThatThrownBy(command::run).isInstanceOfSatisfying(TransitionRefusedException.class, e -> {
                    assertThat(e.action()).isEqualTo(action);
                    assertThat(e.allowed()).hasSameSizeAs(status.allowedActions());
                });
                assertThat(o.status()).isEqualTo(status);
            }
        }
    }

    private Runnable command(Opportunity o, OpportunityAction action) {
        LocalDate today = TODAY;
        return switch (action) {
            case UPDATE -> () -> o.update("New title", null, null, null);
            case ADVANCE -> () -> o.advance(null, today, NOW);
            case MOVE_BACK -> () -> o.moveBack(null, today, NOW);
            case TRANSFER -> () -> o.transfer(Owners.solely(chen), "moved", today);
            case CHANGE_OWNERS -> () -> o.changeOwners(OpportunityFixture.split(liu, "50", chen, "50"), "help", today);
            case SUSPEND -> () -> o.suspend(null);
            case REACTIVATE -> () -> o.reactivate(null);
            case TERMINATE -> () -> o.terminate("gone");
            case WIN -> () -> o.win(today, today, null, FxQuote.identity(Currency.getInstance("CNY"), today), NOW);
            case LOSE -> () -> o.lose(today, today, "price", "Rival", NOW);
            case REOPEN -> () -> o.reopen(null, "again", today, NOW);
            case ARCHIVE -> () -> o.archive(null);
            case ADD_ACTIVITY -> o::requireActivityAllowed;
        };
    }
}
