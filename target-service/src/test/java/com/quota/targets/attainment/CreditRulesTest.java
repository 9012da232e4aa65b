package com.quota.targets.attainment;

import com.quota.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import static com.quota.targets.attainment.AttainmentFixtures.ANALYZERS_EAST;
import static com.quota.targets.attainment.AttainmentFixtures.id;
import static com.quota.targets.attainment.AttainmentFixtures.share;
import static com.quota.targets.attainment.AttainmentFixtures.win;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditRulesTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate CLOSE = LocalDate.of(2026, 11, 18);
    private final UUID li = id(1);
    private final UUID liu = id(2);
    private final UUID wang = id(3);

    @Test
    void wonOpportunityCreditsBookingsPerOwnerBySplit() {
        List<CreditLine> lines = CreditRules.linesFor(win(id(100), id(200), "1000000.00", CLOSE, false,
                share(li, "50", true), share(liu, "30", false), share(wang, "20", false)), List.of());

        assertThat(lines).extracting(CreditLine::repId, CreditLine::metric, CreditLine::amount, CreditLine::creditDate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(li, Metric.BOOKINGS, new BigDecimal("500000.00"), CLOSE),
                        org.assertj.core.groups.Tuple.tuple(liu, Metric.BOOKINGS, new BigDecimal("300000.00"), CLOSE),
                        org.assertj.core.groups.Tuple.tuple(wang, Metric.BOOKINGS, new BigDecimal("200000.00"), CLOSE));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.dimensions()).isEqualTo(ANALYZERS_EAST);
            assertThat(line.opportunityId()).isEqualTo(id(200));
            assertThat(line.sourceEventType()).isEqualTo(SourceEventType.OPPORTUNITY_WON);
        });
    }

    @Test
    void anOddCentSplitFiftyFiftyGoesToThePrimaryOwner() {
        // 0.01 split 50/50: the remainders tie, the shares tie, so the primary (listed second) gets the cent
        List<CreditLine> lines = CreditRules.linesFor(win(id(100), id(200), "100.01", CLOSE, false,
                share(li, "50", false), share(liu, "50", true)), List.of());

        assertThat(lines).extracting(CreditLine::repId, CreditLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(li, new BigDecimal("50.00")),
                org.assertj.core.groups.Tuple.tuple(liu, new BigDecimal("50.01")));
    }

    @Test
    void aTieOfRemaindersGoesToTheLargerShareBeforeThePrimary() {
        // 0.02 over 40/40/20: exact 0.008/0.008/0.004; two cents go to the two 40s, before the primary 20
        List<CreditLine> lines = CreditRules.linesFor(win(id(100), id(200), "0.02", CLOSE, false,
                share(li, "40", false), share(liu, "20", true), share(wang, "40", false)), List.of());

        assertThat(lines).extracting(CreditLine::repId, CreditLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(li, new BigDecimal("0.01")),
                org.assertj.core.groups.Tuple.tuple(wang, new BigDecimal("0.01")));
    }

    @Test
    void firstWinOfAnAccountCreditsOneNewCustomerToThePrimaryOwner() {
        List<CreditLine> lines = CreditRules.linesFor(win(id(100), id(200), "10.00", CLOSE, true,
                share(li, "60", false), share(liu, "40", true)), List.of());

        assertThat(lines).filteredOn(line -> line.metric() == Metric.NEW_CUSTOMERS)
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.repId()).isEqualTo(liu);
                    assertThat(line.amount()).isEqualByComparingTo("1");
                    assertThat(line.currency()).isNull();
                });
    }

    @Test
    void reopeningAWinReversesTheBookingsAndNewCustomerStillCredited() {
        List<NetCredit> credited = List.of(
                new NetCredit(li, Metric.BOOKINGS, ANALYZERS_EAST, new BigDecimal("600.01"), CNY),
                new NetCredit(liu, Metric.BOOKINGS, ANALYZERS_EAST, new BigDecimal("400.00"), CNY),
                new NetCredit(li, Metric.NEW_CUSTOMERS, ANALYZERS_EAST, BigDecimal.ONE, null));
        LocalDate reopened = LocalDate.of(2026, 11, 25);

        List<CreditLine> lines = CreditRules.linesFor(
                new SourceEvent.OpportunityReopening(id(101), id(200), id(900), reopened), credited);

        assertThat(lines).extracting(CreditLine::repId, CreditLine::metric, CreditLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(li, Metric.BOOKINGS, new BigDecimal("-600.01")),
                org.assertj.core.groups.Tuple.tuple(liu, Metric.BOOKINGS, new BigDecimal("-400.00")),
                org.assertj.core.groups.Tuple.tuple(li, Metric.NEW_CUSTOMERS, new BigDecimal("-1")));
        assertThat(lines).allSatisfy(line -> assertThat(line.creditDate()).isEqualTo(reopened));
    }

    @Test
    void amendmentCreditsTheValueDeltaEvenWhenNegative() {
        List<CreditLine> lines = CreditRules.linesFor(new SourceEvent.ContractAmendment(id(102), id(300), id(200), id(900),
                List.of(share(li, "60", true), share(liu, "40", false)), Money.of("-1000.01", "CNY"),
                LocalDate.of(2026, 11, 23), ANALYZERS_EAST), List.of());

        assertThat(lines).extracting(CreditLine::metric).containsOnly(Metric.CONTRACT_VALUE);
        assertThat(lines).extracting(CreditLine::amount)
                .containsExactly(new BigDecimal("-600.01"), new BigDecimal("-400.00"));
    }

    @Test
    void terminationReversesTheNetContractValueStillCreditedOnTheTerminationDate() {
        LocalDate terminated = LocalDate.of(2026, 12, 12);
        List<NetCredit> credited = List.of(
                new NetCredit(li, Metric.CONTRACT_VALUE, ANALYZERS_EAST, new BigDecimal("90600.00"), CNY),
                new NetCredit(li, Metric.COLLECTIONS, ANALYZERS_EAST, new BigDecimal("45000.00"), CNY));

        List<CreditLine> lines = CreditRules.linesFor(
                new SourceEvent.ContractTermination(id(103), id(300), id(200), id(900), terminated), credited);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.metric()).isEqualTo(Metric.CONTRACT_VALUE);
            assertThat(line.amount()).isEqualByComparingTo("-90600.00");
            assertThat(line.creditDate()).isEqualTo(terminated);
            assertThat(line.contractId()).isEqualTo(id(300));
        });
    }

    @Test
    void paymentCreditsCollectionsBySplitOnTheReceivedDate() {
        LocalDate received = LocalDate.of(2026, 11, 21);
        List<CreditLine> lines = CreditRules.linesFor(new SourceEvent.PaymentReceipt(id(104), id(400), id(300), id(200),
                id(900), List.of(share(li, "60", true), share(liu, "40", false)), Money.of("384663.60", "CNY"),
                received, ANALYZERS_EAST), List.of());

        assertThat(lines).extracting(CreditLine::metric, CreditLine::amount, CreditLine::paymentId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Metric.COLLECTIONS, new BigDecimal("230798.16"), id(400)),
                org.assertj.core.groups.Tuple.tuple(Metric.COLLECTIONS, new BigDecimal("153865.44"), id(400)));
    }

    @Test
    void ownersThatCannotBeCreditedAreRefused() {
        assertThatThrownBy(() -> CreditRules.linesFor(win(id(100), id(200), "10.00", CLOSE, false,
                share(li, "60", true), share(liu, "30", false)), List.of()))
                .isInstanceOf(InvalidCreditException.class).hasMessageContaining("100");
        assertThatThrownBy(() -> CreditRules.linesFor(win(id(100), id(200), "10.00", CLOSE, false,
                share(li, "50", true), share(li, "50", false)), List.of()))
                .isInstanceOf(InvalidCreditException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> CreditRules.linesFor(win(id(100), id(200), "10.00", CLOSE, false,
                share(li, "50", false), share(liu, "50", false)), List.of()))
                .isInstanceOf(InvalidCreditException.class).hasMessageContaining("primary");
    }
}
