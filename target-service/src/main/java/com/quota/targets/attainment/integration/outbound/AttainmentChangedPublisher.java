package com.quota.targets.attainment.integration.outbound;

import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.EventIds;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerChange;
import com.quota.targets.attainment.application.CompanyCalendar;
import com.quota.targets.attainment.application.TargetsInForce;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore.CounterValue;
import com.quota.targets.attainment.persistence.LiveNotifications;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes one {@code AttainmentChanged} per owner × metric × source event to the outbox, in the transaction of the
 * counters, with the owner's new actual (after the whole batch) and the targets in force for the month, quarter and
 * year of the credit date. The event id is name-based (source event id, owner, metric, month), so a rebuild emits the
 * same ids and downstream inboxes skip them. The same events are notified to the live stream, on commit.
 */
@Component
public class AttainmentChangedPublisher {

    private final AttainmentLedgerStore store;
    private final TargetsInForce targets;
    private final CompanyCalendar company;
    private final OutboxWriter outbox;
    private final LiveNotifications live;
    private final JsonMapper json;

    public AttainmentChangedPublisher(AttainmentLedgerStore store, TargetsInForce targets, CompanyCalendar company,
                                      OutboxWriter outbox, LiveNotifications live, JsonMapper json) {
        this.json = json;
        this.store = store;
        this.targets = targets;
        this.company = company;
        this.outbox = outbox;
        this.live = live;
    }

    /** Publishes the changes (after their counters are updated in this transaction). */
    public Mono<Void> publish(List<OwnerChange> changes) {
        return publish(changes, change -> List.of());
    }

    /**
     * Publishes changes that a re-derivation made (a line's units changed, its source event did not): the event id is
     * named also by {@code idParts} of the change (e.g. the units before and after), so it differs from the ids of the
     * source event's own changes, and the same re-derivation names the same ids again.
     */
    public Mono<Void> publish(List<OwnerChange> changes, java.util.function.Function<OwnerChange, List<Object>> idParts) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        FiscalCalendar calendar = company.fiscal();
        Map<Metric, List<OwnerChange>> byMetric = changes.stream()
                .collect(Collectors.groupingBy(OwnerChange::metric, LinkedHashMap::new, Collectors.toList()));
        return Flux.fromIterable(byMetric.entrySet())
                .concatMap(entry -> {
                    List<OwnerChange> ofMetric = entry.getValue();
                    Set<Owner> owners = ofMetric.stream().map(OwnerChange::owner).collect(Collectors.toSet());
                    YearMonth first = ofMetric.stream().map(c -> YearMonth.from(calendar.yearRange(
                            calendar.fiscalYearOf(c.creditDate())).first())).min(Comparator.naturalOrder()).orElseThrow();
                    YearMonth last = ofMetric.stream().map(c -> YearMonth.from(calendar.yearRange(
                            calendar.fiscalYearOf(c.creditDate())).last())).max(Comparator.naturalOrder()).orElseThrow();
                    Set<Integer> years = ofMetric.stream().map(c -> calendar.fiscalYearOf(c.creditDate()))
                            .collect(Collectors.toSet());
                    // one query tells which owners have a target at all; the others need no look-up per change
                    return targets.withAnyTarget(owners, entry.getKey(), years)
                            .zipWith(store.counters(owners, entry.getKey(), Dimensions.ALL, first, last).collectList())
                            .flatMapMany(t -> {
                                Map<Owner, Map<YearMonth, BigDecimal>> counters = new HashMap<>();
                                for (CounterValue value : t.getT2()) {
                                    counters.computeIfAbsent(value.owner(), o -> new TreeMap<>()).put(value.month(), value.amount());
                                }
                                Map<List<Object>, Mono<TargetsInForce.Target>> inForce = new HashMap<>();
                                Figures figures = new Figures(calendar, counters);
                                return Flux.fromIterable(ofMetric).concatMap(change -> message(change, figures,
                                        target(change, t.getT1(), inForce), idParts.apply(change)));
                            });
                })
                .collectList()
                .flatMap(messages -> outbox.appendAll(messages).then(live.notifyAll(messages)));
    }

    /** The target in force for the change's owner on its credit date, looked up once per owner and date. */
    private Mono<TargetsInForce.Target> target(OwnerChange change, Set<Owner> withTargets,
                                               Map<List<Object>, Mono<TargetsInForce.Target>> cache) {
        if (!withTargets.contains(change.owner())) {
            return Mono.just(TargetsInForce.Target.NONE);
        }
        int fiscalYear = company.fiscal().fiscalYearOf(change.creditDate());
        return cache.computeIfAbsent(List.of(change.owner(), change.metric(), fiscalYear, change.creditDate()),
                key -> targets.inForce(change.owner(), change.metric(), Dimensions.ALL, fiscalYear, change.creditDate())
                        .defaultIfEmpty(TargetsInForce.Target.NONE).cache());
    }

    private Mono<OutboxMessage> message(OwnerChange change, Figures figures, Mono<TargetsInForce.Target> inForce,
                                        List<Object> idParts) {
        FiscalCalendar calendar = company.fiscal();
        PeriodKey month = calendar.monthOf(change.creditDate());
        int scale = change.currency() == null ? 0 : change.currency().getDefaultFractionDigits();
        String currency = change.currency() == null ? null : change.currency().getCurrencyCode();
        return inForce
                .map(target -> {
                    Dimensions d = change.dimensions();
                    AttainmentChangedPayload payload = new AttainmentChangedPayload(
                            new AttainmentChangedPayload.OwnerRef(change.owner().type().name(), change.owner().id().toString()),
                            change.metric().name(), change.sourceEventId().toString(), change.sourceEventType().wireName(),
                            change.creditedRepId().toString(), text(change.opportunityId()), text(change.contractId()),
                            text(change.paymentId()), change.creditDate().toString(),
                            measure(change.delta(), scale, currency),
                            new AttainmentChangedPayload.DimensionsView(d.productLine(), d.region(), d.channel(), d.customerSegment()),
                            figures.of(change.owner(), month, target, scale, currency));
                    // serialized once: the outbox row and the live notification carry the same text
                    return OutboxMessage.of(EventType.ATTAINMENT_CHANGED, change.owner().id())
                            .eventId(EventIds.derived(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                                    change.sourceEventId(), change.owner().type(), change.owner().id(), change.metric(),
                                    figures.name(month)), idParts.stream()).toArray()))
                            .payloadJson(json.writeValueAsString(payload))
                            .build();
                });
    }

    /**
     * The period figures of one publish call: an owner's figures for a month (its month, quarter and year) are the same
     * for every change of that owner in that month, so they are computed once (a poll has thousands of changes of a few
     * hundred owners); period names are formatted once.
     */
    private static final class Figures {
        private final FiscalCalendar calendar;
        private final Map<Owner, Map<YearMonth, BigDecimal>> counters;
        private final Map<PeriodKey, String> names = new HashMap<>();
        private final Map<TargetsInForce.Target, Map<List<Object>, List<AttainmentChangedPayload.PeriodFigure>>> byTarget =
                new java.util.IdentityHashMap<>();

        Figures(FiscalCalendar calendar, Map<Owner, Map<YearMonth, BigDecimal>> counters) {
            this.calendar = calendar;
            this.counters = counters;
        }

        String name(PeriodKey period) {
            return names.computeIfAbsent(period, PeriodKey::toString);
        }

        List<AttainmentChangedPayload.PeriodFigure> of(Owner owner, PeriodKey month, TargetsInForce.Target target,
                                                       int scale, String currency) {
            return byTarget.computeIfAbsent(target, t -> new HashMap<>())
                    .computeIfAbsent(java.util.Arrays.asList(owner, month, scale, currency),
                            key -> compute(owner, month, target, scale, currency));
        }

        private List<AttainmentChangedPayload.PeriodFigure> compute(Owner owner, PeriodKey month,
                                                                    TargetsInForce.Target target, int scale,
                                                                    String currency) {
            List<PeriodKey> periods = List.of(month, calendar.quarterOf(month), PeriodKey.year(month.fiscalYear()));
            Map<YearMonth, BigDecimal> months = counters.getOrDefault(owner, Map.of());
            List<AttainmentChangedPayload.PeriodFigure> figures = new ArrayList<>();
            for (PeriodKey period : periods) {
                BigDecimal actual = BigDecimal.ZERO;
                for (PeriodKey m : calendar.monthsOf(period)) {
                    actual = actual.add(months.getOrDefault(calendar.yearMonthOf(m), BigDecimal.ZERO));
                }
                Map<String, AttainmentChangedPayload.Measure> levels = new TreeMap<>();
                target.monthlyByLevel().forEach((level, byMonth) -> {
                    BigDecimal sum = calendar.monthsOf(period).stream()
                            .map(m -> byMonth.getOrDefault(m, BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
                    levels.put(level.name(), measure(sum, scale, currency));
                });
                figures.add(new AttainmentChangedPayload.PeriodFigure(name(period), period.type().name(),
                        measure(actual, scale, currency), levels,
                        target.targetId() == null ? null : target.targetId().toString(), target.version()));
            }
            return List.copyOf(figures);
        }
    }

    private static AttainmentChangedPayload.Measure measure(BigDecimal amount, int scale, String currency) {
        return new AttainmentChangedPayload.Measure(amount.setScale(scale, RoundingMode.HALF_EVEN).toPlainString(), currency);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
