package com.quota.targets.attainment.application;

import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.EventIds;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.LevelFigures;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.PaceAlertSettings;
import com.quota.targets.attainment.PaceWatch;
import com.quota.targets.attainment.PeriodFigures;
import com.quota.targets.attainment.TargetLevel;
import com.quota.targets.attainment.integration.outbound.PaceAlertPayload;
import com.quota.targets.attainment.persistence.LiveNotifications;
import com.quota.targets.attainment.persistence.PaceAlertStore;
import com.quota.targets.attainment.persistence.PaceAlertStore.PaceStateKey;
import com.quota.targets.attainment.persistence.PaceAlertStore.PaceStateRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges pace as of a date for every owner × metric with a target (the month and the quarter containing the date)
 * and raises {@code AttainmentBehindPace} / {@code AttainmentBackOnPace} once per owner × period × threshold crossing,
 * with name-based ids (a re-run on the same date raises nothing new). The state commits with the alerts. Set-based:
 * every figure is read in a few statements, the states are locked in key order and written in one statement, so a
 * company of thousands of owners is judged in one short transaction (a cancel rolls it back).
 */
@Service
public class PaceEvaluation {

    // a lock held elsewhere (another evaluation, a transaction left open) fails this one after this wait, never hangs it
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final AttainmentQueries queries;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final PaceAlertStore alerts;
    private final LiveNotifications live;

    public PaceEvaluation(AttainmentQueries queries, OutboxWriter outbox,
                          TransactionalOperator tx, PaceAlertStore alerts, LiveNotifications live) {
        this.queries = queries;
        this.outbox = outbox;
        this.tx = tx;
        this.alerts = alerts;
        this.live = live;
    }

    /** What an evaluation found: owner-periods judged, alerts raised. */
    public record Outcome(int judged, int behindPace, int backOnPace) {
    }

    /** Today in the company's time zone: the default as-of date of an evaluation. */
    public LocalDate today() {
        return queries.company().today();
    }

    /** Whether a failure is this evaluation giving up on a lock held elsewhere ({@link #LOCK_WAIT}). */
    public static boolean isLockWaitTimeout(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof io.r2dbc.spi.R2dbcException r && "55P03".equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Judges pace as of {@code asOf} with these settings, in one transaction. */
    public Mono<Outcome> evaluate(LocalDate asOf, PaceAlertSettings settings) {
        return tx.transactional(judgeAll(asOf, settings));
    }

    /** Judges pace as of {@code asOf} with the stored settings. */
    public Mono<Outcome> evaluate(LocalDate asOf) {
        return tx.transactional(alerts.settings().flatMap(stored -> judgeAll(asOf, stored.settings())));
    }

    /**
     * The daily run for a company day, safe with several instances: in one transaction, the instance that takes the
     * run lock and finds the day not yet run judges pace with the stored settings and records the run; any other
     * instance, or a second call that day, does nothing (empty). A failed run records nothing and is tried again.
     */
    public Mono<Outcome> runDaily(LocalDate day) {
        return tx.transactional(alerts.claimDailyRun(day)
                .filter(Boolean::booleanValue)
                .flatMap(claimed -> alerts.settings())
                .flatMap(stored -> judgeAll(day, stored.settings()))
                .flatMap(outcome -> alerts.recordDailyRun(day, outcome.judged(), outcome.behindPace(), outcome.backOnPace())
                        .thenReturn(outcome)));
    }

    /**
     * Judges pace as of today for the owners whose figures just changed, with the stored settings, in one
     * transaction; empty when the company keeps to the daily run ({@code evaluateOnChange} false).
     */
    public Mono<Outcome> evaluateChanged(Set<Owner> owners) {
        LocalDate today = today();
        return tx.transactional(alerts.settings().filter(PaceAlertStore.StoredSettings::evaluateOnChange)
                .flatMap(stored -> judge(today, stored.settings(), owners)));
    }

    private Mono<Outcome> judgeAll(LocalDate asOf, PaceAlertSettings settings) {
        return judge(asOf, settings, null);
    }

    /** Judges the owners given ({@code null}: every owner with a target). */
    private Mono<Outcome> judge(LocalDate asOf, PaceAlertSettings settings, Set<Owner> only) {
        FiscalCalendar calendar = queries.company().fiscal();
        List<PeriodKey> periods = List.of(calendar.monthOf(asOf), calendar.quarterOf(asOf));
        BigDecimal threshold = settings.thresholdPercent().setScale(2, RoundingMode.HALF_EVEN);
        // a fixed handful of set-based statements, whatever the number of owners: read every figure, create and lock
        // the states in key order, then write the alerts, the notifications and the states
        return alerts.limitLockWait(LOCK_WAIT)
                .thenMany(queries.everyTargetsFigures(periods, asOf, only))
                .filter(f -> f.figures().levels().containsKey(TargetLevel.TARGET))
                .collectMap(f -> new PaceStateKey(f.owner(), f.metric(), f.figures().period().toString()),
                        f -> f, TreeMap::new)
                .flatMap(byKey -> alerts.lockStates(new ArrayList<>(byKey.keySet()), threshold, asOf).collectList()
                        .flatMap(states -> write(byKey, states, settings, threshold, asOf)));
    }

    private Mono<Outcome> write(Map<PaceStateKey, AttainmentQueries.Figures> byKey, List<PaceStateRow> states,
                                PaceAlertSettings settings, BigDecimal threshold, LocalDate asOf) {
        List<OutboxMessage> messages = new ArrayList<>();
        List<PaceStateRow> judged = new ArrayList<>(states.size());
        int behindPace = 0;
        int backOnPace = 0;
        for (PaceStateRow previous : states) {
            AttainmentQueries.Figures f = byKey.get(previous.key());
            PeriodFigures p = f.figures();
            PaceWatch.Decision decision = PaceWatch.evaluate(PaceWatch.PaceState.valueOf(previous.state()), p, settings);
            int crossings = previous.crossings();
            LocalDate behindSince = previous.behindSince();
            if (decision.alert().isPresent()) {
                boolean behind = decision.alert().get() == PaceWatch.PaceAlert.BEHIND_PACE;
                if (behind) {
                    crossings++;
                    behindSince = asOf;
                    behindPace++;
                } else {
                    backOnPace++;
                }
                messages.add(message(f, threshold, behind, crossings, previous.behindSince()));
                if (!behind) {
                    behindSince = null;
                }
            }
            judged.add(new PaceStateRow(previous.key(), decision.state().name(), behindSince, crossings, asOf,
                    p.levels().get(TargetLevel.TARGET).pacePercent()));
        }
        Outcome outcome = new Outcome(byKey.size(), behindPace, backOnPace);
        return outbox.appendAll(messages)
                .then(live.notifyAll(messages))
                .then(alerts.saveStates(judged, threshold))
                .thenReturn(outcome);
    }

    private OutboxMessage message(AttainmentQueries.Figures f, BigDecimal threshold, boolean behind, int crossing,
                                  LocalDate behindSince) {
        PeriodFigures p = f.figures();
        LevelFigures target = p.levels().get(TargetLevel.TARGET);
        String c = f.currency();
        PaceAlertPayload payload = new PaceAlertPayload(
                new PaceAlertPayload.OwnerRef(f.owner().type().name(), f.owner().id().toString()), f.metric().name(),
                p.period().toString(), p.period().type().name(), p.asOf().toString(), TargetLevel.TARGET.name(),
                threshold.toPlainString(), target.pacePercent().toPlainString(), p.elapsedPercent().toPlainString(),
                measure(p.actual(), c), measure(target.expectedToDate(), c), measure(target.target(), c),
                measure(target.gap(), c), p.runRate() == null ? null : measure(p.runRate(), c),
                behind ? null : behindSince == null ? null : behindSince.toString());
        EventType type = behind ? EventType.ATTAINMENT_BEHIND_PACE : EventType.ATTAINMENT_BACK_ON_PACE;
        return OutboxMessage.of(type, f.owner().id())
                .eventId(EventIds.derived(type.typeName(), f.owner().type(), f.owner().id(), f.metric(), p.period(),
                        threshold.toPlainString(), crossing))
                .payload(payload)
                .build();
    }

    private static PaceAlertPayload.Measure measure(BigDecimal amount, String currency) {
        return new PaceAlertPayload.Measure(amount.toPlainString(), currency);
    }
}
