package com.quota.targets.attainment.application;

import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.EventIds;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.LevelFigures;
import com.quota.targets.attainment.PaceAlertSettings;
import com.quota.targets.attainment.PaceWatch;
import com.quota.targets.attainment.PeriodFigures;
import com.quota.targets.attainment.TargetLevel;
import com.quota.targets.attainment.integration.outbound.PaceAlertPayload;
import com.quota.targets.attainment.persistence.LiveNotifications;
import com.quota.targets.attainment.persistence.PaceAlertStore;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * Judges pace as of a date for every owner × metric with a target (the month and the quarter containing the date)
 * and raises {@code AttainmentBehindPace} / {@code AttainmentBackOnPace} once per owner × period × threshold crossing,
 * with name-based ids (a re-run on the same date raises nothing new). The state commits with the alerts.
 */
@Service
public class PaceEvaluation {

    private final AttainmentQueries queries;
    private final TargetsInForce targets;
    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final PaceAlertStore alerts;
    private final LiveNotifications live;

    public PaceEvaluation(AttainmentQueries queries, TargetsInForce targets, DatabaseClient db, OutboxWriter outbox,
                          TransactionalOperator tx, PaceAlertStore alerts, LiveNotifications live) {
        this.queries = queries;
        this.targets = targets;
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
        this.alerts = alerts;
        this.live = live;
    }

    /** What an evaluation found: owner-periods judged, alerts raised. */
    public record Outcome(int judged, int behindPace, int backOnPace) {
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

    private Mono<Outcome> judgeAll(LocalDate asOf, PaceAlertSettings settings) {
        FiscalCalendar calendar = queries.company().fiscal();
        List<PeriodKey> periods = List.of(calendar.monthOf(asOf), calendar.quarterOf(asOf));
        int[] counts = new int[3];
        return targets.ownersWithTargets(calendar.fiscalYearOf(asOf))
                .concatMap(om -> Flux.fromIterable(periods)
                        .concatMap(period -> queries.figures(om.owner(), om.metric(), period, Dimensions.ALL, asOf))
                        .concatMap(figures -> judge(figures, settings, asOf, counts)))
                .then(Mono.fromSupplier(() -> new Outcome(counts[0], counts[1], counts[2])));
    }

    private Mono<Void> judge(AttainmentQueries.Figures f, PaceAlertSettings settings, LocalDate asOf, int[] counts) {
        PeriodFigures p = f.figures();
        if (!p.levels().containsKey(TargetLevel.TARGET)) {
            return Mono.empty();
        }
        counts[0]++;
        BigDecimal threshold = settings.thresholdPercent().setScale(2, RoundingMode.HALF_EVEN);
        return db.sql("SELECT state, behind_since, crossings FROM attainment_pace_state WHERE owner_type = :type"
                        + " AND owner_id = :id AND metric = :metric AND period_key = :period AND threshold_percent = :threshold"
                        + " FOR UPDATE")
                .bind("type", f.owner().type().name()).bind("id", f.owner().id()).bind("metric", f.metric().name())
                .bind("period", p.period().toString()).bind("threshold", threshold)
                .map(row -> new State(PaceWatch.PaceState.valueOf(row.get("state", String.class)),
                        row.get("behind_since", LocalDate.class), row.get("crossings", Integer.class)))
                .one()
                .defaultIfEmpty(new State(PaceWatch.PaceState.ON_PACE, null, 0))
                .flatMap(previous -> {
                    PaceWatch.Decision decision = PaceWatch.evaluate(previous.state, p, settings);
                    int crossings = previous.crossings;
                    LocalDate behindSince = previous.behindSince;
                    Mono<Void> alert = Mono.empty();
                    if (decision.alert().isPresent()) {
                        boolean behind = decision.alert().get() == PaceWatch.PaceAlert.BEHIND_PACE;
                        if (behind) {
                            crossings++;
                            behindSince = asOf;
                            counts[1]++;
                        } else {
                            counts[2]++;
                        }
                        OutboxMessage message = message(f, threshold, behind, crossings, previous.behindSince);
                        alert = outbox.append(message).then(live.notifyAll(List.of(message)));
                        if (!behind) {
                            behindSince = null;
                        }
                    }
                    return alert.then(save(f, threshold, decision.state(), behindSince, crossings, asOf,
                            p.levels().get(TargetLevel.TARGET).pacePercent()));
                });
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

    private Mono<Void> save(AttainmentQueries.Figures f, BigDecimal threshold, PaceWatch.PaceState state,
                            LocalDate behindSince, int crossings, LocalDate asOf, BigDecimal pacePercent) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO attainment_pace_state (owner_type, owner_id, metric, period_key, threshold_percent, state,
                            behind_since, crossings, evaluated_on, pace_percent)
                        VALUES (:type, :id, :metric, :period, :threshold, :state, :behindSince, :crossings, :asOf, :pace)
                        ON CONFLICT (owner_type, owner_id, metric, period_key, threshold_percent) DO UPDATE SET
                            state = EXCLUDED.state, behind_since = EXCLUDED.behind_since, crossings = EXCLUDED.crossings,
                            evaluated_on = EXCLUDED.evaluated_on, pace_percent = EXCLUDED.pace_percent, updated_at = now()
                        """)
                .bind("type", f.owner().type().name()).bind("id", f.owner().id()).bind("metric", f.metric().name())
                .bind("period", f.figures().period().toString()).bind("threshold", threshold)
                .bind("state", state.name()).bind("crossings", crossings).bind("asOf", asOf);
        spec = behindSince == null ? spec.bindNull("behindSince", LocalDate.class) : spec.bind("behindSince", behindSince);
        spec = pacePercent == null ? spec.bindNull("pace", BigDecimal.class) : spec.bind("pace", pacePercent);
        return spec.fetch().rowsUpdated().then();
    }

    private static PaceAlertPayload.Measure measure(BigDecimal amount, String currency) {
        return new PaceAlertPayload.Measure(amount.toPlainString(), currency);
    }

    private record State(PaceWatch.PaceState state, LocalDate behindSince, int crossings) {
    }
}
