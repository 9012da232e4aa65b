package com.quota.targets.attainment;

import com.quota.money.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Properties of the ledger over random event sequences: splits sum to the amount, every unit's counters equal the Σ of
 * the lines of the reps placed under it (every level, every month), reversals bring credits back to zero, and a replay
 * changes nothing.
 */
class AttainmentLedgerPropertiesTest {

    private static final int EXAMPLES = 150;
    private static final UUID COMPANY = new UUID(0x2000L, 0);
    private static final Dimensions[] DIMENSIONS = {
            AttainmentFixtures.ANALYZERS_EAST, new Dimensions("SENSORS", "NORTH", null, "SMB"), Dimensions.NONE};

    /** Percent shares at 2 decimals, every one positive, summing to exactly 100. */
    private static final Gen<List<BigDecimal>> SHARES = lists().of(integers().between(1, 9_999))
            .ofSizeBetween(0, 4)
            .map(cuts -> {
                List<Integer> points = new ArrayList<>(cuts.stream().distinct().sorted().toList());
                points.add(0, 0);
                points.add(10_000);
                List<BigDecimal> shares = new ArrayList<>();
                for (int i = 1; i < points.size(); i++) {
                    shares.add(BigDecimal.valueOf(points.get(i) - points.get(i - 1), 2));
                }
                return shares;
            });

    @Test
    void splitLinesAlwaysSumToTheAmount() {
        qt().withExamples(1000).forAll(longs().between(-100_000_000_00L, 100_000_000_00L), SHARES, integers().between(0, 99))
                .checkAssert((cents, shares, primarySeed) -> {
                    List<OwnerShare> owners = new ArrayList<>();
                    int primary = primarySeed % shares.size();
                    for (int i = 0; i < shares.size(); i++) {
                        owners.add(new OwnerShare(new UUID(1, i), shares.get(i), i == primary));
                    }
                    Money amount = Money.of(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("CNY"));
                    List<Money> parts = CreditRules.splitByShares(amount, owners);
                    assertThat(parts.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                            .isEqualByComparingTo(amount.amount());
                    // the reversal of a split is exactly the negation of each part
                    assertThat(CreditRules.splitByShares(amount.negate(), owners))
                            .containsExactlyElementsOf(parts.stream().map(Money::negate).toList());
                });
    }

    @Test
    void everyUnitCounterEqualsTheSumOfItsRepsLinesAtEveryLevelAndMonth() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = new Scenario(new Random(seed));
            LedgerSimulation ledger = new LedgerSimulation(scenario.placement());
            for (List<SourceEvent> batch : scenario.batches(scenario.randomEvents())) {
                ledger.applyBatch(batch);
            }
            assertCountersMatchLines(ledger, scenario.placement());
        });
    }

    @Test
    void applyingABatchThenItsReversalsGivesZero() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = new Scenario(new Random(seed));
            LedgerSimulation ledger = new LedgerSimulation(scenario.placement());
            ledger.applyBatch(scenario.winsAndSignings());
            ledger.applyBatch(scenario.reversalsOfEverything());

            Map<String, BigDecimal> net = new HashMap<>();
            ledger.lines().forEach(line -> net.merge(line.repId() + "/" + line.metric(), line.amount(), BigDecimal::add));
            assertThat(net.values().stream().filter(sum -> sum.signum() != 0).toList()).isEmpty();
            // reversals are dated on the reopen or termination date, so months differ, and they roll up by membership
            // on that date (a rep who moved since takes the reversal to the new team); over all months every rep's
            // counters and the company's (total and per dimension) are back at zero
            Map<String, BigDecimal> overMonths = new HashMap<>();
            ledger.counters().forEach((key, sum) -> {
                if (key.owner().type() == OwnerType.REP || key.owner().id().equals(COMPANY)) {
                    overMonths.merge(key.owner() + "/" + key.metric() + "/" + key.dimension(), sum, BigDecimal::add);
                }
            });
            assertThat(overMonths.values().stream().filter(sum -> sum.signum() != 0).toList()).isEmpty();
        });
    }

    @Test
    void replayingTheSameEventsNeverChangesTotals() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = new Scenario(new Random(seed));
            List<SourceEvent> events = scenario.randomEvents();
            LedgerSimulation once = new LedgerSimulation(scenario.placement());
            once.applyBatch(events);

            LedgerSimulation replayed = new LedgerSimulation(scenario.placement());
            for (List<SourceEvent> batch : scenario.batches(events)) {
                replayed.applyBatch(batch);
            }
            // redeliveries of random earlier events, then the whole topic again from offset 0
            List<SourceEvent> redeliveries = new ArrayList<>(events);
            Collections.shuffle(redeliveries, scenario.random);
            replayed.applyBatch(redeliveries.subList(0, redeliveries.size() / 2));
            replayed.applyBatch(events);

            assertThat(replayed.counters()).isEqualTo(once.counters());
            assertThat(replayed.lines()).containsExactlyInAnyOrderElementsOf(once.lines());
        });
    }

    @Test
    void reDerivingAfterABackDatedMoveGivesTheCountersOfTheNewTree() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Scenario before = new Scenario(new Random(seed));
            LedgerSimulation ledger = new LedgerSimulation(before.placement());
            ledger.applyBatch(before.randomEvents());
            // the same reps, moved on other dates to other teams
            Scenario after = new Scenario(new Random(seed + 1));
            UnitPlacement moved = after.placement();

            List<PlacedLine> stored = RollUp.place(ledger.lines(), before.placement());
            List<PlacedLine> now = RollUp.place(ledger.lines(), moved);
            Map<CounterKey, BigDecimal> counters = new HashMap<>(ledger.counters());
            Rederivation.counterDeltas(stored, now).forEach(d -> counters.merge(d.key(), d.amount(), BigDecimal::add));

            Map<CounterKey, BigDecimal> expected = new HashMap<>();
            RollUp.counterDeltas(now).forEach(d -> expected.merge(d.key(), d.amount(), BigDecimal::add));
            counters.values().removeIf(v -> v.signum() == 0);
            expected.values().removeIf(v -> v.signum() == 0);
            assertThat(counters.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, sum) -> assertThat(counters.get(key)).isEqualByComparingTo(sum));
        });
    }

    private static void assertCountersMatchLines(LedgerSimulation ledger, UnitPlacement placement) {
        Map<CounterKey, BigDecimal> expected = new HashMap<>();
        for (CreditLine line : ledger.lines()) {
            List<Owner> owners = new ArrayList<>();
            owners.add(Owner.rep(line.repId()));
            placement.unitsAbove(line.repId(), line.creditDate()).forEach(u -> owners.add(Owner.unit(u)));
            for (Owner owner : owners) {
                for (String dimension : line.dimensions().counterKeys()) {
                    expected.merge(new CounterKey(owner, line.metric(), YearMonth.from(line.creditDate()), dimension),
                            line.amount(), BigDecimal::add);
                }
            }
        }
        assertThat(ledger.counters().keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, sum) -> assertThat(ledger.counters().get(key)).as(key.toString()).isEqualByComparingTo(sum));
        // the company is the sum of all reps, every metric and month
        Map<String, BigDecimal> reps = new HashMap<>();
        Map<String, BigDecimal> company = new HashMap<>();
        ledger.counters().forEach((key, sum) -> {
            if (!key.dimension().equals(Dimensions.ALL)) {
                return;
            }
            String slot = key.metric() + "/" + key.month();
            if (key.owner().type() == OwnerType.REP) {
                reps.merge(slot, sum, BigDecimal::add);
            } else if (key.owner().id().equals(COMPANY)) {
                company.merge(slot, sum, BigDecimal::add);
            }
        });
        reps.forEach((slot, sum) -> assertThat(company.getOrDefault(slot, BigDecimal.ZERO)).as(slot).isEqualByComparingTo(sum));
    }

    /** A random 4-level tree (company, 2 regions, 4 teams), 6 reps who change teams on random dates, random deals. */
    static final class Scenario {
        final Random random;
        final List<UUID> reps = new ArrayList<>();
        final Map<UUID, LocalDate> moveDate = new HashMap<>();
        final Map<UUID, Integer> teamBefore = new HashMap<>();
        final Map<UUID, Integer> teamAfter = new HashMap<>();
        private final List<SourceEvent.OpportunityWin> wins = new ArrayList<>();
        private final List<SourceEvent.ContractSigning> signings = new ArrayList<>();
        private int nextId = 1;

        Scenario(Random random) {
            this.random = random;
            for (int i = 0; i < 6; i++) {
                UUID rep = new UUID(0x3000L, i);
                reps.add(rep);
                moveDate.put(rep, LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365)));
                teamBefore.put(rep, random.nextInt(4));
                teamAfter.put(rep, random.nextInt(4));
            }
        }

        UnitPlacement placement() {
            return (rep, on) -> {
                int team = on.isBefore(moveDate.get(rep)) ? teamBefore.get(rep) : teamAfter.get(rep);
                return List.of(new UUID(0x2000L, 100 + team), new UUID(0x2000L, 10 + team / 2), COMPANY);
            };
        }

        private UUID newId() {
            return new UUID(0x4000L, nextId++);
        }

        private LocalDate date() {
            return LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365));
        }

        private List<OwnerShare> owners() {
            List<UUID> shuffled = new ArrayList<>(reps);
            Collections.shuffle(shuffled, random);
            int n = 1 + random.nextInt(3);
            int[] cuts = random.ints(n - 1, 1, 100).sorted().distinct().toArray();
            List<OwnerShare> owners = new ArrayList<>();
            int previous = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int next = i < cuts.length ? cuts[i] : 100;
                owners.add(new OwnerShare(shuffled.get(i), BigDecimal.valueOf(next - previous), i == 0));
                previous = next;
            }
            return owners;
        }

        private Money money() {
            return Money.of(BigDecimal.valueOf(random.nextInt(10_000_000), 2), java.util.Currency.getInstance("CNY"));
        }

        private Dimensions dimensions() {
            return DIMENSIONS[random.nextInt(DIMENSIONS.length)];
        }

        /** Wins, reopens, signings, amendments, terminations and payments in a random but causal order. */
        List<SourceEvent> randomEvents() {
            List<SourceEvent> events = new ArrayList<>();
            int count = 5 + random.nextInt(30);
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(6);
                if (kind == 0 || wins.isEmpty()) {
                    events.add(newWin());
                } else if (kind == 1) {
                    SourceEvent.OpportunityWin won = wins.get(random.nextInt(wins.size()));
                    events.add(new SourceEvent.OpportunityReopening(newId(), won.opportunityId(), won.accountId(), date()));
                } else if (kind == 2 || signings.isEmpty()) {
                    events.add(newSigning());
                } else {
                    SourceEvent.ContractSigning signed = signings.get(random.nextInt(signings.size()));
                    if (kind == 3) {
                        Money delta = random.nextBoolean() ? money() : money().negate();
                        events.add(new SourceEvent.ContractAmendment(newId(), signed.contractId(), signed.opportunityId(),
                                signed.accountId(), signed.owners(), delta, date(), signed.dimensions()));
                    } else if (kind == 4) {
                        events.add(new SourceEvent.ContractTermination(newId(), signed.contractId(), signed.opportunityId(),
                                signed.accountId(), date()));
                    } else {
                        events.add(new SourceEvent.PaymentReceipt(newId(), newId(), signed.contractId(), signed.opportunityId(),
                                signed.accountId(), signed.owners(), money(), date(), signed.dimensions()));
                    }
                }
            }
            return events;
        }

        List<SourceEvent> winsAndSignings() {
            List<SourceEvent> events = new ArrayList<>();
            int count = 1 + random.nextInt(10);
            for (int i = 0; i < count; i++) {
                events.add(random.nextBoolean() ? newWin() : newSigning());
            }
            for (SourceEvent.ContractSigning signed : List.copyOf(signings)) {
                events.add(new SourceEvent.ContractAmendment(newId(), signed.contractId(), signed.opportunityId(),
                        signed.accountId(), signed.owners(), random.nextBoolean() ? money() : money().negate(), date(),
                        signed.dimensions()));
            }
            return events;
        }

        /** A reopen of every win and a termination of every contract. */
        List<SourceEvent> reversalsOfEverything() {
            List<SourceEvent> events = new ArrayList<>();
            wins.forEach(w -> events.add(new SourceEvent.OpportunityReopening(newId(), w.opportunityId(), w.accountId(), date())));
            signings.forEach(s -> events.add(new SourceEvent.ContractTermination(newId(), s.contractId(), s.opportunityId(),
                    s.accountId(), date())));
            return events;
        }

        /** The events cut into random consecutive batches (polls). */
        List<List<SourceEvent>> batches(List<SourceEvent> events) {
            List<List<SourceEvent>> batches = new ArrayList<>();
            int from = 0;
            while (from < events.size()) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(8));
                batches.add(events.subList(from, to));
                from = to;
            }
            return batches;
        }

        private SourceEvent.OpportunityWin newWin() {
            SourceEvent.OpportunityWin win = new SourceEvent.OpportunityWin(newId(), newId(), newId(), owners(), money(),
                    date(), dimensions(), random.nextBoolean());
            wins.add(win);
            return win;
        }

        private SourceEvent.ContractSigning newSigning() {
            SourceEvent.ContractSigning signing = new SourceEvent.ContractSigning(newId(), newId(), newId(), newId(),
                    owners(), money(), date(), dimensions());
            signings.add(signing);
            return signing;
        }
    }
}
