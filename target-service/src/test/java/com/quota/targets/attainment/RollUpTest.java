package com.quota.targets.attainment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static com.quota.targets.attainment.AttainmentFixtures.id;
import static com.quota.targets.attainment.AttainmentFixtures.share;
import static com.quota.targets.attainment.AttainmentFixtures.win;
import static org.assertj.core.api.Assertions.assertThat;

class RollUpTest {

    private final UUID li = id(1);
    private final UUID liu = id(2);
    private final UUID shanghai = id(10);
    private final UUID hangzhou = id(11);
    private final UUID east = id(20);
    private final UUID company = id(30);

    /** li moves from Shanghai to Hangzhou on 2026-12-01; liu stays in Hangzhou. */
    private final UnitPlacement placement = (rep, on) -> {
        if (rep.equals(li)) {
            return on.isBefore(LocalDate.of(2026, 12, 1)) ? List.of(shanghai, east, company) : List.of(hangzhou, east, company);
        }
        return List.of(hangzhou, east, company);
    };

    @Test
    void creditRollsUpToEveryAncestorByMembershipOnTheCreditDate() {
        List<CreditLine> november = CreditRules.linesFor(win(id(100), id(200), "1000.01", LocalDate.of(2026, 11, 18), false,
                share(li, "50", true), share(liu, "50", false)), List.of());
        List<CreditLine> december = CreditRules.linesFor(win(id(101), id(201), "300.00", LocalDate.of(2026, 12, 2), false,
                share(li, "100", true)), List.of());

        List<CounterDelta> deltas = RollUp.counterDeltas(RollUp.place(
                concat(november, december), placement));

        assertThat(total(deltas, Owner.rep(li), YearMonth.of(2026, 11))).isEqualByComparingTo("500.01");
        assertThat(total(deltas, Owner.unit(shanghai), YearMonth.of(2026, 11))).isEqualByComparingTo("500.01");
        assertThat(total(deltas, Owner.unit(hangzhou), YearMonth.of(2026, 11))).isEqualByComparingTo("500.00");
        assertThat(total(deltas, Owner.unit(east), YearMonth.of(2026, 11))).isEqualByComparingTo("1000.01");
        assertThat(total(deltas, Owner.unit(company), YearMonth.of(2026, 11))).isEqualByComparingTo("1000.01");
        // the move does not carry November's credit along; December's credit goes to the new team
        assertThat(total(deltas, Owner.unit(shanghai), YearMonth.of(2026, 12))).isNull();
        assertThat(total(deltas, Owner.unit(hangzhou), YearMonth.of(2026, 12))).isEqualByComparingTo("300.00");
    }

    @Test
    void deltasAreSummedPerCounterAndSortedByKey() {
        List<CreditLine> lines = concat(
                CreditRules.linesFor(win(id(100), id(200), "10.00", LocalDate.of(2026, 11, 1), false, share(li, "100", true)), List.of()),
                CreditRules.linesFor(win(id(101), id(201), "20.00", LocalDate.of(2026, 11, 2), false, share(liu, "100", true)), List.of()));

        List<CounterDelta> deltas = RollUp.counterDeltas(RollUp.place(lines, placement));

        assertThat(deltas).extracting(CounterDelta::key).isSorted().doesNotHaveDuplicates();
        assertThat(total(deltas, Owner.unit(company), YearMonth.of(2026, 11))).isEqualByComparingTo("30.00");
        assertThat(deltas).filteredOn(d -> d.key().owner().equals(Owner.unit(company))
                        && d.key().dimension().equals(Dimensions.key("productLine", "ANALYZERS")))
                .singleElement().satisfies(d -> assertThat(d.amount()).isEqualByComparingTo("30.00"));
    }

    private static BigDecimal total(List<CounterDelta> deltas, Owner owner, YearMonth month) {
        return deltas.stream()
                .filter(d -> d.key().owner().equals(owner) && d.key().month().equals(month)
                        && d.key().metric() == Metric.BOOKINGS && d.key().dimension().equals(Dimensions.ALL))
                .map(CounterDelta::amount).findFirst().orElse(null);
    }

    private static List<CreditLine> concat(List<CreditLine> a, List<CreditLine> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
