package com.quota.performance.attainment.persistence;

import com.quota.money.Money;
import com.quota.performance.attainment.AttainmentFigure;
import com.quota.performance.commission.ContractTermination;
import com.quota.performance.commission.Credit;
import com.quota.performance.integration.inbound.AttainmentChanged;
import com.quota.performance.integration.inbound.ContractTerminated;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;

import java.util.UUID;

/** The attainment read model in PostgreSQL: rep credit lines, owners' figures per period, contract terminations. */
@Repository
public class AttainmentReadModel {

    private final DatabaseClient db;

    public AttainmentReadModel(DatabaseClient db) {
        this.db = db;
    }

    /** Applies one AttainmentChanged: the rep's credit line (REP owners) and the owner's figures for each period. */
    public Mono<Void> record(UUID eventId, AttainmentChanged event) {
        Mono<Long> credit = !"REP".equals(event.owner().type()) ? Mono.just(0L) : bind(db.sql("""
                        INSERT INTO attainment_credit (event_id, rep_id, metric, source_event_id, source_event_type, credit_date,
                                                       amount, currency, opportunity_id, contract_id, payment_id)
                        VALUES (:eventId, :repId, :metric, :sourceEventId, :sourceEventType, :creditDate, :amount, :currency,
                                :opportunityId, :contractId, :paymentId)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .bind("eventId", eventId)
                .bind("repId", event.owner().id())
                .bind("metric", event.metric())
                .bind("sourceEventId", event.sourceEventId())
                .bind("sourceEventType", event.sourceEventType())
                .bind("creditDate", event.creditDate())
                .bind("amount", new BigDecimal(event.delta().amount())), "currency", event.delta().currency(),
                "opportunityId", event.opportunityId(), "contractId", event.contractId(), "paymentId", event.paymentId())
                .fetch().rowsUpdated();
        // events of one owner arrive in order (key = owner id), so the last one applied carries the latest figures
        Flux<Long> figures = Flux.fromIterable(event.periods()).concatMap(period -> bind(db.sql("""
                        INSERT INTO attainment_figure (owner_type, owner_id, metric, period_key, period_type, actual, currency,
                                                       target, stretch, challenge, last_event)
                        VALUES (:ownerType, :ownerId, :metric, :periodKey, :periodType, :actual, :currency, :target, :stretch,
                                :challenge, :lastEvent)
                        ON CONFLICT (owner_id, metric, period_key) DO UPDATE SET
                            actual = excluded.actual, currency = excluded.currency, target = excluded.target,
                            stretch = excluded.stretch, challenge = excluded.challenge, last_event = excluded.last_event,
                            updated_at = now()
                        """)
                        .bind("ownerType", event.owner().type())
                        .bind("ownerId", event.owner().id())
                        .bind("metric", event.metric())
                        .bind("periodKey", period.periodKey())
                        .bind("periodType", period.periodType())
                        .bind("actual", new BigDecimal(period.actual().amount()))
                        .bind("lastEvent", eventId),
                "currency", period.actual().currency(), "target", level(period, "TARGET"), "stretch", level(period, "STRETCH"),
                "challenge", level(period, "CHALLENGE"))
                .fetch().rowsUpdated());
        return credit.thenMany(figures).then();
    }

    /** Records a termination once per owning rep. */
    public Mono<Void> recordTermination(UUID eventId, ContractTerminated event) {
        return Flux.fromIterable(event.owners()).concatMap(owner -> bind(db.sql("""
                                INSERT INTO contract_termination (event_id, rep_id, contract_id, opportunity_id, signed_date, termination_date)
                                VALUES (:eventId, :repId, :contractId, :opportunityId, :signedDate, :terminationDate)
                                ON CONFLICT DO NOTHING
                                """)
                        .bind("eventId", eventId)
                        .bind("repId", owner.repId())
                        .bind("contractId", event.contractId())
                        .bind("terminationDate", event.terminationDate()),
                "opportunityId", event.opportunityId(), "signedDate", event.signedDate())
                .fetch().rowsUpdated())
                .then();
    }

    /** A rep's credits of a metric with credit dates in [from, to]. */
    public Flux<Credit> credits(UUID repId, String metric, LocalDate from, LocalDate to, Currency currency) {
        return db.sql("""
                        SELECT event_id, source_event_id, source_event_type, credit_date, amount, opportunity_id, contract_id
                        FROM attainment_credit
                        WHERE rep_id = :repId AND metric = :metric AND credit_date BETWEEN :from AND :to
                        ORDER BY credit_date, event_id
                        """)
                .bind("repId", repId).bind("metric", metric).bind("from", from).bind("to", to)
                .map(row -> new Credit(row.get("event_id", UUID.class), row.get("source_event_id", UUID.class),
                        row.get("source_event_type", String.class), row.get("credit_date", LocalDate.class),
                        Money.of(row.get("amount", BigDecimal.class), currency), row.get("opportunity_id", UUID.class),
                        row.get("contract_id", UUID.class)))
                .all();
    }

    /** Terminations of a rep's contracts dated in [from, to]. */
    public Flux<ContractTermination> terminations(UUID repId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT event_id, contract_id, opportunity_id, signed_date, termination_date FROM contract_termination
                        WHERE rep_id = :repId AND termination_date BETWEEN :from AND :to
                        """)
                .bind("repId", repId).bind("from", from).bind("to", to)
                .map(row -> new ContractTermination(row.get("event_id", UUID.class), row.get("contract_id", UUID.class),
                        row.get("opportunity_id", UUID.class), row.get("signed_date", LocalDate.class),
                        row.get("termination_date", LocalDate.class)))
                .all();
    }

    /** An owner's figure for a metric and period; empty when no event has touched it. */
    public Mono<AttainmentFigure> figure(UUID ownerId, String metric, String periodKey) {
        return db.sql("""
                        SELECT owner_type, owner_id, metric, period_key, actual, currency, target FROM attainment_figure
                        WHERE owner_id = :ownerId AND metric = :metric AND period_key = :periodKey
                        """)
                .bind("ownerId", ownerId).bind("metric", metric).bind("periodKey", periodKey)
                .map(row -> new AttainmentFigure(row.get("owner_type", String.class), row.get("owner_id", UUID.class),
                        row.get("metric", String.class), row.get("period_key", String.class),
                        row.get("actual", BigDecimal.class), row.get("currency", String.class), row.get("target", BigDecimal.class)))
                .one();
    }

    /** Figures of many owners for one metric and period. */
    public Flux<AttainmentFigure> figures(Collection<UUID> ownerIds, String metric, String periodKey) {
        if (ownerIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT owner_type, owner_id, metric, period_key, actual, currency, target FROM attainment_figure
                        WHERE owner_id = ANY(:owners) AND metric = :metric AND period_key = :periodKey
                        """)
                .bind("owners", ownerIds.toArray(UUID[]::new)).bind("metric", metric).bind("periodKey", periodKey)
                .map(row -> new AttainmentFigure(row.get("owner_type", String.class), row.get("owner_id", UUID.class),
                        row.get("metric", String.class), row.get("period_key", String.class),
                        row.get("actual", BigDecimal.class), row.get("currency", String.class), row.get("target", BigDecimal.class)))
                .all();
    }

    private static BigDecimal level(AttainmentChanged.Period period, String level) {
        if (period.targets() == null || period.targets().get(level) == null) {
            return null;
        }
        return new BigDecimal(period.targets().get(level).amount());
    }

    /** Binds nullable values in pairs (name, value): null as a typed null. */
    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object value = pairs[i + 1];
            spec = value == null ? spec.bindNull(name, typeOf(name)) : spec.bind(name, value);
        }
        return spec;
    }

    private static Class<?> typeOf(String name) {
        return switch (name) {
            case "currency" -> String.class;
            case "signedDate" -> LocalDate.class;
            case "target", "stretch", "challenge" -> BigDecimal.class;
            default -> UUID.class;
        };
    }

}
