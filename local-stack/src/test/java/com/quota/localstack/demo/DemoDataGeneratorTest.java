package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoDataset.Contract;
import com.quota.localstack.demo.DemoDataset.Opportunity;
import com.quota.localstack.demo.DemoDataset.OpportunityStatus;
import com.quota.localstack.demo.DemoDataset.Owner;
import com.quota.localstack.demo.DemoDataset.OwnerType;
import com.quota.localstack.demo.DemoDataset.Payment;
import com.quota.localstack.demo.DemoDataset.TargetPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTest {

    private final DemoCompany company = DemoCompanyReader.read();
    private final DemoDataset data = new DemoDataGenerator(company).generate();

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnotherOne() {
        assertThat(new DemoDataGenerator(company).generate()).isEqualTo(data);
        DemoDataset other = new DemoDataGenerator(company).generate(company.dataset().seed() + 1);
        assertThat(other.opportunities()).isNotEqualTo(data.opportunities());
        assertThat(other.opportunities()).hasSameSizeAs(data.opportunities());
    }

    @Test
    void stageCountsFollowTheSharesAndTheOpenStageWeights() {
        // 1500 × 22% = 330 won, × 18% = 270 lost; 900 open by 35/30/20/15
        assertThat(DemoDataGenerator.stageCounts(1500, 0.22, 0.18)).containsExactly(
                Map.entry("PROSPECTING", 315), Map.entry("QUALIFICATION", 270), Map.entry("PROPOSAL", 180),
                Map.entry("NEGOTIATION", 135), Map.entry("WON", 330), Map.entry("LOST", 270));
        Map<String, Long> generated = data.opportunities().stream()
                .collect(Collectors.groupingBy(Opportunity::stage, Collectors.counting()));
        assertThat(generated).containsOnly(
                Map.entry("PROSPECTING", 315L), Map.entry("QUALIFICATION", 270L), Map.entry("PROPOSAL", 180L),
                Map.entry("NEGOTIATION", 135L), Map.entry("WON", 330L), Map.entry("LOST", 270L));
        assertThat(data.opportunities()).hasSize(company.dataset().opportunities());
    }

    @Test
    void openStageCountsAlwaysAddUpToTheOpenTotal() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            int total = random.nextInt(5000);
            Map<String, Integer> counts = DemoDataGenerator.stageCounts(total, 0.22, 0.18);
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        }
    }

    @Test
    void everyOpportunityHasSplitsSummingToOneHundredAndOnePrimaryOwnerFromOneTeam() {
        for (Opportunity o : data.opportunities()) {
            assertThat(o.owners().stream().mapToInt(Owner::split).sum()).as(o.externalRef()).isEqualTo(100);
            assertThat(o.owners().stream().filter(Owner::primary)).as(o.externalRef()).hasSize(1);
            assertThat(o.owners().stream().map(Owner::repId).distinct()).hasSameSizeAs(o.owners());
            UUID team = company.person(o.primaryOwner().repId()).orElseThrow().unitId();
            assertThat(o.owners()).allSatisfy(owner ->
                    assertThat(company.person(owner.repId()).orElseThrow().unitId()).isEqualTo(team));
        }
        // some deals are shared, most are not
        long shared = data.opportunities().stream().filter(o -> o.owners().size() > 1).count();
        assertThat(shared).isBetween(150L, 600L);
    }

    @Test
    void closedOpportunitiesCloseWithinTheYearSoFarAndLossesHaveAReviewWhileOpenOnesLieAhead() {
        LocalDate yearStart = LocalDate.of(2026, 1, 1);
        assertThat(data.asOf()).isEqualTo(LocalDate.of(2026, 10, 31));
        for (Opportunity o : data.opportunities()) {
            if (o.status() == OpportunityStatus.OPEN) {
                assertThat(o.closedOn()).isNull();
                assertThat(o.expectedCloseDate()).isAfter(data.asOf());
            } else {
                assertThat(o.closedOn()).isBetween(yearStart, data.asOf());
            }
            assertThat(o.status() == OpportunityStatus.LOST).isEqualTo(o.lossReason() != null && o.competitor() != null);
            assertThat(o.amount().amount().signum()).isPositive();
            assertThat(o.amount().amount().scale()).isEqualTo(2);
        }
    }

    @Test
    void everyWonOpportunityHasOneContractForItsAmountAndOwners() {
        List<Opportunity> won = data.opportunities().stream().filter(o -> o.status() == OpportunityStatus.WON).toList();
        assertThat(data.contracts()).hasSize(won.size());
        Map<String, Opportunity> byRef = data.opportunities().stream()
                .collect(Collectors.toMap(Opportunity::externalRef, Function.identity()));
        for (Contract c : data.contracts()) {
            Opportunity o = byRef.get(c.opportunityRef());
            assertThat(o.status()).isEqualTo(OpportunityStatus.WON);
            assertThat(c.value()).isEqualTo(o.amount());
            assertThat(c.owners()).isEqualTo(o.owners());
            assertThat(c.signedOn()).isBetween(o.closedOn(), data.asOf());
        }
        assertThat(data.contracts().stream().map(Contract::opportunityRef).distinct()).hasSize(won.size());
    }

    @Test
    void paymentsNeverExceedTheContractValueAndArriveBetweenSigningAndTheAsOfDate() {
        Map<String, Contract> contracts = data.contracts().stream()
                .collect(Collectors.toMap(Contract::externalRef, Function.identity()));
        Map<String, BigDecimal> paid = data.payments().stream().collect(Collectors.groupingBy(Payment::contractRef,
                Collectors.reducing(BigDecimal.ZERO, p -> p.amount().amount(), BigDecimal::add)));
        paid.forEach((ref, total) -> assertThat(total).isLessThanOrEqualTo(contracts.get(ref).value().amount()));
        for (Payment p : data.payments()) {
            Contract c = contracts.get(p.contractRef());
            assertThat(p.amount().currency()).isEqualTo(c.value().currency());
            assertThat(p.receivedOn()).isBetween(c.signedOn(), data.asOf());
        }
        assertThat(data.payments().size()).isGreaterThan(data.contracts().size() / 2);
        // some contracts are paid in full
        assertThat(paid.entrySet()).anySatisfy(e -> assertThat(e.getValue()).isEqualByComparingTo(contracts.get(e.getKey()).value().amount()));
    }

    @Test
    void targetsCoverEveryOwnerAndEveryLevelAddsUpExactlyInEveryMonth() {
        for (String metric : List.of(DemoDataGenerator.BOOKINGS, DemoDataGenerator.COLLECTIONS)) {
            List<TargetPlan> plans = data.targets().stream().filter(t -> t.metric().equals(metric)).toList();
            assertThat(plans.stream().filter(t -> t.ownerType() == OwnerType.REP)).hasSize(60);
            assertThat(plans.stream().filter(t -> t.ownerType() == OwnerType.UNIT)).hasSize(13);
            Map<UUID, TargetPlan> byOwner = plans.stream().collect(Collectors.toMap(TargetPlan::ownerId, Function.identity()));
            for (TargetPlan plan : plans) {
                assertThat(plan.months()).hasSize(12);
                assertThat(plan.months().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(plan.annual().amount());
            }
            for (DemoCompany.Unit unit : company.units()) {
                List<UUID> children = new ArrayList<>(company.childrenOf(unit.id()).stream().map(DemoCompany.Unit::id).toList());
                company.repsOf(unit.id()).forEach(rep -> children.add(rep.id()));
                for (int m = 0; m < 12; m++) {
                    int month = m;
                    BigDecimal sum = children.stream().map(id -> byOwner.get(id).months().get(month)).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(byOwner.get(unit.id()).months().get(m)).as("%s %s month %d", metric, unit.code(), m + 1).isEqualByComparingTo(sum);
                }
            }
        }
    }

    @Test
    void largestRemainderMatchesTheWorkedExampleAndAlwaysSumsExactly() {
        int[] even = new int[12];
        Arrays.fill(even, 1);
        List<BigDecimal> months = DemoDataGenerator.largestRemainder(new BigDecimal("1000000.00"), even, 2);
        assertThat(months.subList(0, 4)).allSatisfy(m -> assertThat(m).isEqualByComparingTo("83333.34"));
        assertThat(months.subList(4, 12)).allSatisfy(m -> assertThat(m).isEqualByComparingTo("83333.33"));

        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            int[] weights = random.ints(1 + random.nextInt(12), 0, 100).toArray();
            weights[0] += 1; // never all zero
            BigDecimal total = BigDecimal.valueOf(random.nextInt(100_000_000), 2);
            List<BigDecimal> parts = DemoDataGenerator.largestRemainder(total, weights, 2);
            assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(total);
        }
    }
}
