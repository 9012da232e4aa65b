package com.quota.targets.definition.application;

import com.quota.targets.settings.persistence.CompanySettingsStore;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.persistence.LedgerActuals;
import com.quota.targets.definition.persistence.PlanningDataStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What HISTORY allocation, HISTORY distribution and the models weigh by: per owner and fiscal month, the attainment
 * ledger's actual for the months the ledger covers, else the historical actual a company brought along.
 */
@Service
public class ActualsHistory {

    private final PlanningDataStore planning;
    private final LedgerActuals ledger;
    private final CompanySettingsStore settings;

    public ActualsHistory(PlanningDataStore planning, LedgerActuals ledger, CompanySettingsStore settings) {
        this.planning = planning;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** The 12 fiscal months of an owner's actuals in a fiscal year. */
    public Mono<List<BigDecimal>> months(UUID owner, Metric metric, int fiscalYear) {
        return monthsOf(List.of(owner), metric, fiscalYear).map(byOwner -> byOwner.get(owner));
    }

    /** Each owner's actual for a fiscal year (the sum of its 12 months). */
    public Mono<Map<UUID, BigDecimal>> yearTotals(Collection<UUID> owners, Metric metric, int fiscalYear) {
        return monthsOf(owners, metric, fiscalYear).map(byOwner -> {
            Map<UUID, BigDecimal> totals = new HashMap<>();
            byOwner.forEach((owner, months) -> totals.put(owner, months.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
            return totals;
        });
    }

    private Mono<Map<UUID, List<BigDecimal>>> monthsOf(Collection<UUID> owners, Metric metric, int fiscalYear) {
        return settings.get().flatMap(company -> {
            LocalDate first = TargetService.firstDayOf(fiscalYear, company.fiscalYearStartMonth());
            return Mono.zip(ledger.months(owners, metric, first, first.plusMonths(11)),
                            planning.monthsOf(owners, metric, fiscalYear))
                    .map(t -> {
                        Map<UUID, List<BigDecimal>> result = new HashMap<>();
                        for (UUID owner : owners) {
                            List<BigDecimal> brought = t.getT2().getOrDefault(owner, zeros());
                            Map<LocalDate, BigDecimal> booked = t.getT1().byOwner().getOrDefault(owner, Map.of());
                            List<BigDecimal> months = new ArrayList<>(12);
                            for (int m = 0; m < 12; m++) {
                                LocalDate month = first.plusMonths(m);
                                months.add(t.getT1().covered().contains(month)
                                        ? booked.getOrDefault(month, BigDecimal.ZERO) : brought.get(m));
                            }
                            result.put(owner, List.copyOf(months));
                        }
                        return result;
                    });
        });
    }

    private static List<BigDecimal> zeros() {
        return java.util.Collections.nCopies(12, BigDecimal.ZERO);
    }
}
