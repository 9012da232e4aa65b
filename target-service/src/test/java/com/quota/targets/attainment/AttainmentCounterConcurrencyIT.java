package com.quota.targets.attainment;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent batches over the same hot counters (the company, shared regions and teams) on real PostgreSQL: with deltas
 * summed per counter and rows locked in key order, none deadlocks and every counter ends at the exact sum.
 */
class AttainmentCounterConcurrencyIT extends AbstractTargetServiceIT {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Autowired
    private AttainmentLedgerStore store;
    @Autowired
    private TransactionalOperator tx;

    @Test
    void concurrentBatchesOnTheSameCompanyRowNeverDeadlockAndSumExactly() {
        UUID company = UUID.randomUUID();
        List<UUID> regions = List.of(UUID.randomUUID(), UUID.randomUUID());
        List<UUID> teams = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> reps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            reps.add(UUID.randomUUID());
        }
        UnitPlacement placement = (rep, on) -> {
            int team = reps.indexOf(rep) % teams.size();
            return List.of(teams.get(team), regions.get(team / 2), company);
        };
        Random random = new Random(20261126L);
        int batches = 40;
        List<List<CounterDelta>> work = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int b = 0; b < batches; b++) {
            List<CreditLine> lines = new ArrayList<>();
            for (int e = 0; e < 20; e++) {
                UUID rep = reps.get(random.nextInt(reps.size()));
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
                total = total.add(amount);
                lines.add(new CreditLine(UUID.randomUUID(), SourceEventType.OPPORTUNITY_WON, rep, Metric.BOOKINGS,
                        LocalDate.of(2026, 1 + random.nextInt(3), 1 + random.nextInt(28)), amount, CNY,
                        Dimensions.NONE, UUID.randomUUID(), null, null, null));
            }
            work.add(RollUp.counterDeltas(RollUp.place(lines, placement)));
        }

        // 4 transactions at a time, each applying one batch: the same company and region rows in every one
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Flux.fromIterable(work)
                .flatMap(deltas -> tx.transactional(store.applyCounterDeltas(deltas))
                        .subscribeOn(Schedulers.parallel())
                        .onErrorResume(e -> {
                            failures.add(e);
                            return Mono.empty();
                        }), 4)
                .blockLast();

        assertThat(failures).isEmpty();
        BigDecimal companyTotal = store.counters(List.of(Owner.unit(company)), Metric.BOOKINGS, Dimensions.ALL,
                        YearMonth.of(2026, 1), YearMonth.of(2026, 3))
                .map(AttainmentLedgerStore.CounterValue::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).block();
        assertThat(companyTotal).isEqualByComparingTo(total);
        BigDecimal repsTotal = store.counters(reps.stream().map(Owner::rep).toList(), Metric.BOOKINGS, Dimensions.ALL,
                        YearMonth.of(2026, 1), YearMonth.of(2026, 3))
                .map(AttainmentLedgerStore.CounterValue::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).block();
        assertThat(repsTotal).isEqualByComparingTo(total);
    }
}
