package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Roll-up of credit lines to the rep and every unit above the rep on the credit date, as counter deltas summed per
 * counter and sorted by key: a batch of events touches the hot company row once, and every transaction locks its
 * counter rows in one global order, so concurrent batches never deadlock.
 */
public final class RollUp {

    private RollUp() {
    }

    /** Each line with the units it rolls up to, by membership on its credit date. */
    public static List<PlacedLine> place(Collection<CreditLine> lines, UnitPlacement placement) {
        List<PlacedLine> placed = new ArrayList<>(lines.size());
        for (CreditLine line : lines) {
            placed.add(new PlacedLine(line, placement.unitsAbove(line.repId(), line.creditDate())));
        }
        return placed;
    }

    /** The counter deltas of placed lines: per owner (rep and units) × metric × month × dimension key, summed, sorted. */
    public static List<CounterDelta> counterDeltas(Collection<PlacedLine> placedLines) {
        Map<CounterKey, CounterDelta> sums = new TreeMap<>();
        for (PlacedLine placed : placedLines) {
            CreditLine line = placed.line();
            List<Owner> owners = new ArrayList<>(placed.units().size() + 1);
            owners.add(line.owner());
            placed.units().forEach(unit -> owners.add(Owner.unit(unit)));
            YearMonth month = YearMonth.from(line.creditDate());
            for (Owner owner : owners) {
                for (String dimension : line.dimensions().counterKeys()) {
                    add(sums, new CounterKey(owner, line.metric(), month, dimension), line.amount(), line);
                }
            }
        }
        return List.copyOf(sums.values());
    }

    /** The negation of deltas (what undoes them), same order. */
    public static List<CounterDelta> negate(List<CounterDelta> deltas) {
        return deltas.stream().map(d -> new CounterDelta(d.key(), d.amount().negate(), d.currency())).toList();
    }

    /** Sums several delta lists into one, per key, sorted; counters that sum to zero stay (they are still locked). */
    public static List<CounterDelta> combine(Collection<List<CounterDelta>> lists) {
        Map<CounterKey, CounterDelta> sums = new TreeMap<>();
        for (List<CounterDelta> list : lists) {
            for (CounterDelta delta : list) {
                sums.merge(delta.key(), delta, (a, b) -> new CounterDelta(a.key(), a.amount().add(b.amount()),
                        sameCurrency(a, b)));
            }
        }
        return List.copyOf(sums.values());
    }

    private static void add(Map<CounterKey, CounterDelta> sums, CounterKey key, BigDecimal amount, CreditLine line) {
        sums.merge(key, new CounterDelta(key, amount, line.currency()),
                (a, b) -> new CounterDelta(key, a.amount().add(b.amount()), sameCurrency(a, b)));
    }

    private static java.util.Currency sameCurrency(CounterDelta a, CounterDelta b) {
        if (!Objects.equals(a.currency(), b.currency())) {
            throw new InvalidCreditException("counter " + a.key() + " mixes " + a.currency() + " and " + b.currency());
        }
        return a.currency();
    }
}
