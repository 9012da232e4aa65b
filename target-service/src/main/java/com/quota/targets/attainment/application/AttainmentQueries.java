package com.quota.targets.attainment.application;

import com.quota.calendar.DateRange;
import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.targets.attainment.ActualsTimeline;
import com.quota.targets.attainment.AttainmentFigures;
import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.PeriodFigures;
import com.quota.targets.attainment.TargetLevel;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore.StoredLine;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * "Where do we stand": figures of an owner × metric × period as of a date (whole months from the stored counters,
 * the as-of month day by day from the ledger), monthly series, a unit with its children, and the lines behind a figure.
 */
@Service
public class AttainmentQueries {

    private final AttainmentLedgerStore store;
    private final TargetsInForce targets;
    private final OrgPlacement org;
    private final CompanyCalendar company;

    public AttainmentQueries(AttainmentLedgerStore store, TargetsInForce targets, OrgPlacement org, CompanyCalendar company) {
        this.store = store;
        this.targets = targets;
        this.org = org;
        this.company = company;
    }

    /** The figures with the target version they are measured against. */
    public record Figures(Owner owner, Metric metric, String dimension, PeriodFigures figures, TargetsInForce.Target target,
                         String currency) {
    }

    /** One month of a series: the month's actual (to the as-of date) and targets, and the year's running totals. */
    public record SeriesPoint(PeriodKey month, BigDecimal actual, Map<TargetLevel, BigDecimal> targets,
                              BigDecimal cumulativeActual, Map<TargetLevel, BigDecimal> cumulativeTargets) {
    }

    /** A unit's figures and its direct child units' and direct reps' figures. */
    public record TeamView(Figures unit, List<Figures> children) {
    }

    public Mono<Figures> figures(Owner owner, Metric metric, PeriodKey period, String dimension, LocalDate asOf) {
        FiscalCalendar calendar = company.fiscal();
        DateRange range = calendar.range(period);
        DateRange lastYear = calendar.range(calendar.samePeriodLastYear(period));
        DateRange asOfYear = calendar.yearRange(calendar.fiscalYearOf(asOf));
        YearMonth first = min(YearMonth.from(lastYear.first()), YearMonth.from(asOfYear.first()));
        YearMonth last = max(YearMonth.from(range.last()), YearMonth.from(asOf));
        return timeline(owner, metric, dimension, first, last, asOf)
                .zipWith(targets.inForce(owner, metric, dimension, period.fiscalYear(), asOf)
                        .defaultIfEmpty(TargetsInForce.Target.NONE))
                .map(t -> new Figures(owner, metric, dimension,
                        AttainmentFigures.of(calendar, period, asOf, t.getT1(), t.getT2().monthlyByLevel(), t.getT1(),
                                scale(metric)),
                        t.getT2(), currency(metric)));
    }

    /**
     * The figures of every owner × metric with a target (without dimensions) in force as of {@code asOf}, for each of
     * {@code periods} (of asOf's fiscal year), read set-based: targets, counters and the as-of months' day sums in one
     * statement each, whatever the number of owners. The figures equal {@link #figures} one by one.
     */
    public Flux<Figures> everyTargetsFigures(List<PeriodKey> periods, LocalDate asOf) {
        return everyTargetsFigures(periods, asOf, null);
    }

    /** As {@link #everyTargetsFigures(List, LocalDate)}, for these owners only ({@code null}: every owner). */
    public Flux<Figures> everyTargetsFigures(List<PeriodKey> periods, LocalDate asOf, Set<Owner> only) {
        FiscalCalendar calendar = company.fiscal();
        int fiscalYear = calendar.fiscalYearOf(asOf);
        YearMonth first = YearMonth.from(calendar.yearRange(fiscalYear - 1).first());
        YearMonth last = YearMonth.from(asOf);
        for (PeriodKey period : periods) {
            last = max(last, YearMonth.from(calendar.range(period).last()));
        }
        YearMonth current = YearMonth.from(asOf);
        LocalDate asOfLastYear = asOf.minusYears(1);
        YearMonth lastYear = YearMonth.from(asOfLastYear);
        YearMonth lastMonth = last;
        return targets.everyTargetInForce(fiscalYear, asOf).filter(t -> only == null || only.contains(t.owner()))
                .collectList().flatMapMany(owned -> {
            if (owned.isEmpty()) {
                return Flux.empty();
            }
            List<Owner> owners = owned.stream().map(TargetsInForce.OwnerTarget::owner).toList();
            List<Metric> metrics = owned.stream().map(TargetsInForce.OwnerTarget::metric).toList();
            Mono<Map<List<Object>, Map<YearMonth, BigDecimal>>> months = store.totalCounters(owners, metrics, first, lastMonth)
                    .collect(HashMap::new, (map, c) -> map.computeIfAbsent(List.of(c.owner(), c.metric()), k -> new HashMap<>())
                            .put(c.month(), c.amount()));
            Mono<Map<List<Object>, Map<LocalDate, BigDecimal>>> days = store.everyOwnersDailySums(asOf.plusDays(1),
                            current.atEndOfMonth(), asOfLastYear.plusDays(1), lastYear.atEndOfMonth())
                    .collect(HashMap::new, (map, d) -> map.computeIfAbsent(List.of(d.owner(), d.metric()), k -> new HashMap<>())
                            .put(d.date(), d.amount()));
            return months.zipWith(days).flatMapIterable(t -> {
                List<Figures> all = new ArrayList<>(owned.size() * periods.size());
                for (TargetsInForce.OwnerTarget o : owned) {
                    List<Object> key = List.of(o.owner(), o.metric());
                    ActualsTimeline timeline = ActualsTimeline.withDaysFrom(t.getT1().getOrDefault(key, Map.of()),
                            t.getT2().getOrDefault(key, Map.of()), daysAfter(asOf));
                    for (PeriodKey period : periods) {
                        all.add(new Figures(o.owner(), o.metric(), com.quota.targets.attainment.Dimensions.ALL,
                                AttainmentFigures.of(calendar, period, asOf, timeline, o.target().monthlyByLevel(),
                                        timeline, scale(o.metric())),
                                o.target(), currency(o.metric())));
                    }
                }
                return all;
            });
        });
    }

    public Mono<List<SeriesPoint>> monthlySeries(Owner owner, Metric metric, int fiscalYear, String dimension, LocalDate asOf) {
        FiscalCalendar calendar = company.fiscal();
        DateRange year = calendar.yearRange(fiscalYear);
        return timeline(owner, metric, dimension, YearMonth.from(year.first()), max(YearMonth.from(year.last()),
                YearMonth.from(asOf)), asOf)
                .zipWith(targets.inForce(owner, metric, dimension, fiscalYear, asOf).defaultIfEmpty(TargetsInForce.Target.NONE))
                .map(t -> {
                    List<SeriesPoint> points = new ArrayList<>();
                    BigDecimal cumulative = BigDecimal.ZERO;
                    Map<TargetLevel, BigDecimal> cumulativeTargets = new TreeMap<>();
                    for (PeriodKey month : calendar.months(fiscalYear)) {
                        DateRange m = calendar.range(month);
                        BigDecimal actual = asOf.isBefore(m.first()) ? BigDecimal.ZERO
                                : t.getT1().between(m.first(), asOf.isBefore(m.last()) ? asOf : m.last());
                        actual = actual.setScale(scale(metric), java.math.RoundingMode.UNNECESSARY);
                        cumulative = cumulative.add(actual);
                        Map<TargetLevel, BigDecimal> monthTargets = new TreeMap<>();
                        t.getT2().monthlyByLevel().forEach((level, byMonth) -> {
                            BigDecimal amount = byMonth.getOrDefault(month, BigDecimal.ZERO);
                            monthTargets.put(level, amount);
                            cumulativeTargets.merge(level, amount, BigDecimal::add);
                        });
                        points.add(new SeriesPoint(month, actual, monthTargets, cumulative, new TreeMap<>(cumulativeTargets)));
                    }
                    return points;
                });
    }

    public Mono<TeamView> team(java.util.UUID unitId, Metric metric, PeriodKey period, String dimension, LocalDate asOf) {
        LocalDate on = asOf.isBefore(company.fiscal().range(period).last()) ? asOf : company.fiscal().range(period).last();
        Mono<List<Owner>> children = org.childUnits(unitId, on).zipWith(org.repsDirectlyIn(unitId, on)).map(t -> {
            List<Owner> owners = new ArrayList<>();
            t.getT1().forEach(u -> owners.add(Owner.unit(u)));
            t.getT2().forEach(r -> owners.add(Owner.rep(r)));
            return owners;
        });
        return figures(Owner.unit(unitId), metric, period, dimension, asOf)
                .zipWith(children.flatMapMany(Flux::fromIterable)
                        .concatMap(child -> figures(child, metric, period, dimension, asOf))
                        .collectList())
                .map(t -> new TeamView(t.getT1(), t.getT2()));
    }

    /** The ledger lines behind an owner's figure for a period (dated in it, up to the as-of date), newest first. */
    public Flux<StoredLine> lines(Owner owner, Metric metric, PeriodKey period, String dimension, LocalDate asOf, int page,
                                  int size) {
        DateRange range = company.fiscal().range(period);
        if (asOf.isBefore(range.first())) {
            return Flux.empty();
        }
        return store.lines(owner, metric, dimension, range.first(), asOf.isBefore(range.last()) ? asOf : range.last(),
                size, page * size);
    }

    public Flux<StoredLine> linesOfSourceEvent(java.util.UUID sourceEventId) {
        return store.linesOfSourceEvent(sourceEventId);
    }

    public Flux<java.util.UUID> unitsOfLine(StoredLine line) {
        return store.unitsOfLine(line.sourceEventId(), line.repId(), line.metric());
    }

    public CompanyCalendar company() {
        return company;
    }

    /**
     * Counters for whole months; for the as-of month and the same month a year earlier, the ledger's day sums after the
     * as-of date (usually none): a figure to the as-of date is the month's counter minus them, so a read costs the
     * same however many lines a busy month holds.
     */
    private Mono<ActualsTimeline> timeline(Owner owner, Metric metric, String dimension, YearMonth first, YearMonth last,
                                           LocalDate asOf) {
        Map<YearMonth, LocalDate> daysAfter = daysAfter(asOf);
        YearMonth from = daysAfter.keySet().stream().reduce(first, AttainmentQueries::min);
        YearMonth to = daysAfter.keySet().stream().reduce(last, AttainmentQueries::max);
        Mono<Map<YearMonth, BigDecimal>> months = store.counters(List.of(owner), metric, dimension, from, to)
                .collectMap(AttainmentLedgerStore.CounterValue::month, AttainmentLedgerStore.CounterValue::amount);
        Mono<Map<LocalDate, BigDecimal>> days = Flux.fromIterable(daysAfter.entrySet())
                .filter(cut -> !cut.getValue().isAfter(cut.getKey().atEndOfMonth()))
                .concatMap(cut -> store.dailySums(owner, metric, dimension, cut.getValue(), cut.getKey().atEndOfMonth()))
                .collectMap(AttainmentLedgerStore.DaySum::date, AttainmentLedgerStore.DaySum::amount, HashMap::new);
        return months.zipWith(days).map(t -> ActualsTimeline.withDaysFrom(t.getT1(), t.getT2(), daysAfter));
    }

    /** The months a figure to {@code asOf} cuts (the as-of month, and a year earlier for YoY), each from the day after the cut. */
    private static Map<YearMonth, LocalDate> daysAfter(LocalDate asOf) {
        LocalDate asOfLastYear = asOf.minusYears(1);
        return Map.of(YearMonth.from(asOf), asOf.plusDays(1), YearMonth.from(asOfLastYear), asOfLastYear.plusDays(1));
    }

    private int scale(Metric metric) {
        return metric.isCount() ? 0 : company.reportingCurrency().getDefaultFractionDigits();
    }

    private String currency(Metric metric) {
        return metric.isCount() ? null : company.reportingCurrency().getCurrencyCode();
    }

    private static YearMonth min(YearMonth a, YearMonth b) {
        return a.isBefore(b) ? a : b;
    }

    private static YearMonth max(YearMonth a, YearMonth b) {
        return a.isAfter(b) ? a : b;
    }
}
