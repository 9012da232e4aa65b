package com.quota.performance.kpi.persistence;

import com.quota.performance.integration.inbound.ActivityLogged;
import com.quota.performance.integration.inbound.ContractChanged;
import com.quota.performance.integration.inbound.OpportunityChanged;
import com.quota.performance.kpi.CollectionFigures;
import com.quota.performance.kpi.DealFigures;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

/**
 * The latest state of each opportunity and contract with its owners (the deal KPIs' read model), and the figures a
 * rep or a team gets from them for a period. Events of one aggregate arrive in order (key = its id), so each event
 * overwrites what it carries and keeps the rest.
 */
@Repository
public class DealFacts {

    private final DatabaseClient db;

    public DealFacts(DatabaseClient db) {
        this.db = db;
    }

    /** Applies one opportunity event; {@code openedOn} is set by OpportunityCreated only. */
    public Mono<Void> recordOpportunity(UUID eventId, OpportunityChanged event, LocalDate openedOn) {
        boolean won = "WON".equals(event.status());
        DatabaseClient.GenericExecuteSpec upsert = db.sql("""
                        INSERT INTO opportunity_fact (opportunity_id, status, opened_on, close_date, reporting_amount,
                                                      reporting_currency, first_win_of_account, last_event)
                        VALUES (:id, :status, :openedOn, :closeDate, :amount, :currency, :firstWin, :event)
                        ON CONFLICT (opportunity_id) DO UPDATE SET
                            status = excluded.status,
                            opened_on = coalesce(opportunity_fact.opened_on, excluded.opened_on),
                            close_date = excluded.close_date,
                            reporting_amount = coalesce(excluded.reporting_amount, opportunity_fact.reporting_amount),
                            reporting_currency = coalesce(excluded.reporting_currency, opportunity_fact.reporting_currency),
                            first_win_of_account = excluded.first_win_of_account,
                            last_event = excluded.last_event,
                            updated_at = now()
                        """)
                .bind("id", event.opportunityId())
                .bind("status", event.status())
                .bind("firstWin", won && Boolean.TRUE.equals(event.firstWinOfAccount()))
                .bind("event", eventId);
        upsert = nullable(upsert, "openedOn", openedOn, LocalDate.class);
        // a reopened (or still open) deal has no close date: it leaves the period it was closed in
        upsert = nullable(upsert, "closeDate", "OPEN".equals(event.status()) ? null : event.closeDate(), LocalDate.class);
        upsert = nullable(upsert, "amount", amount(event.reportingAmount()), BigDecimal.class);
        upsert = nullable(upsert, "currency", event.reportingAmount() == null ? null : event.reportingAmount().currency(), String.class);
        Mono<Void> owners = event.owners() == null ? Mono.empty() : db.sql("DELETE FROM opportunity_fact_owner WHERE opportunity_id = :id")
                .bind("id", event.opportunityId()).fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(event.owners()).concatMap(owner -> db.sql("""
                                INSERT INTO opportunity_fact_owner (opportunity_id, rep_id, split_percent, is_primary)
                                VALUES (:id, :rep, :split, :primary)
                                ON CONFLICT (opportunity_id, rep_id) DO UPDATE SET split_percent = excluded.split_percent,
                                    is_primary = excluded.is_primary
                                """)
                        .bind("id", event.opportunityId()).bind("rep", owner.repId())
                        .bind("split", new BigDecimal(owner.splitPercent()))
                        .bind("primary", Boolean.TRUE.equals(owner.primary()))
                        .fetch().rowsUpdated()))
                .then();
        return upsert.fetch().rowsUpdated().then(owners);
    }

    /**
     * Records a costed activity as one share per owner (reporting cost × split ÷ 100, exact); a redelivery writes
     * nothing twice (the inbox filters it, and the key is the activity and the rep).
     */
    public Mono<Void> recordActivityCost(UUID eventId, ActivityLogged logged) {
        BigDecimal cost = new BigDecimal(logged.reportingCost().amount());
        return Flux.fromIterable(logged.owners()).concatMap(owner -> db.sql("""
                                INSERT INTO activity_cost (activity_id, rep_id, opportunity_id, occurred_on, reporting_cost,
                                                           reporting_currency, event_id)
                                VALUES (:activity, :rep, :opportunity, :on, :cost, :currency, :event)
                                ON CONFLICT (activity_id, rep_id) DO NOTHING
                                """)
                        .bind("activity", logged.activityId()).bind("rep", owner.repId())
                        .bind("opportunity", logged.opportunityId()).bind("on", logged.occurredOn())
                        .bind("cost", cost.multiply(new BigDecimal(owner.splitPercent())).movePointLeft(2))
                        .bind("currency", logged.reportingCost().currency()).bind("event", eventId)
                        .fetch().rowsUpdated())
                .then();
    }

    /** The reps' share of the reporting cost of the activities that took place in [from, to] (0 without any). */
    public Mono<BigDecimal> activityCost(Collection<UUID> repIds, LocalDate from, LocalDate to) {
        if (repIds.isEmpty()) {
            return Mono.just(BigDecimal.ZERO);
        }
        return db.sql("""
                        SELECT coalesce(sum(reporting_cost), 0) AS cost FROM activity_cost
                        WHERE rep_id = ANY(:reps) AND occurred_on BETWEEN :from AND :to
                        """)
                .bind("reps", repIds.toArray(UUID[]::new)).bind("from", from).bind("to", to)
                .map(row -> row.get("cost", BigDecimal.class))
                .one()
                .defaultIfEmpty(BigDecimal.ZERO);
    }

    /**
     * Applies one contract event: {@code status} null keeps the current one (an amendment, a payment); the value in
     * force of a termination replaces the value.
     */
    public Mono<Void> recordContract(UUID eventId, ContractChanged event, String status) {
        BigDecimal value = event.reportingValueInForce() != null ? amount(event.reportingValueInForce()) : amount(event.reportingValue());
        String currency = event.reportingValueInForce() != null ? event.reportingValueInForce().currency()
                : event.reportingValue() != null ? event.reportingValue().currency() : null;
        DatabaseClient.GenericExecuteSpec upsert = db.sql("""
                        INSERT INTO contract_fact (contract_id, status, signed_date, reporting_value, reporting_collected,
                                                   reporting_currency, last_event)
                        VALUES (:id, coalesce(:status, 'SIGNED'), :signedDate, :value, coalesce(:collected, 0), :currency, :event)
                        ON CONFLICT (contract_id) DO UPDATE SET
                            status = coalesce(:status, contract_fact.status),
                            signed_date = coalesce(excluded.signed_date, contract_fact.signed_date),
                            reporting_value = coalesce(excluded.reporting_value, contract_fact.reporting_value),
                            reporting_collected = coalesce(:collected, contract_fact.reporting_collected),
                            reporting_currency = coalesce(excluded.reporting_currency, contract_fact.reporting_currency),
                            last_event = excluded.last_event,
                            updated_at = now()
                        """)
                .bind("id", event.contractId())
                .bind("event", eventId);
        upsert = nullable(upsert, "status", status, String.class);
        upsert = nullable(upsert, "signedDate", event.signedDate(), LocalDate.class);
        upsert = nullable(upsert, "value", value, BigDecimal.class);
        upsert = nullable(upsert, "collected", amount(event.reportingCollectedToDate()), BigDecimal.class);
        upsert = nullable(upsert, "currency", currency, String.class);
        Mono<Void> owners = event.owners() == null ? Mono.empty() : db.sql("DELETE FROM contract_fact_owner WHERE contract_id = :id")
                .bind("id", event.contractId()).fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(event.owners()).concatMap(owner -> db.sql("""
                                INSERT INTO contract_fact_owner (contract_id, rep_id, split_percent) VALUES (:id, :rep, :split)
                                ON CONFLICT (contract_id, rep_id) DO UPDATE SET split_percent = excluded.split_percent
                                """)
                        .bind("id", event.contractId()).bind("rep", owner.repId())
                        .bind("split", new BigDecimal(owner.splitPercent()))
                        .fetch().rowsUpdated()))
                .then();
        return upsert.fetch().rowsUpdated().then(owners);
    }

    /**
     * The deal figures of a set of reps (one rep, or a team: a deal two of them share counts once, with their
     * shares summed) for closes in [from, to]. First wins count for the primary owner only.
     */
    public Mono<DealFigures> dealFigures(Collection<UUID> repIds, LocalDate from, LocalDate to) {
        if (repIds.isEmpty()) {
            return Mono.just(DealFigures.NONE);
        }
        return db.sql("""
                        WITH mine AS (
                            SELECT opportunity_id, sum(split_percent) AS share, bool_or(is_primary) AS is_primary
                            FROM opportunity_fact_owner WHERE rep_id = ANY(:reps) GROUP BY opportunity_id
                        ), closed AS (
                            SELECT o.*, m.share, m.is_primary FROM opportunity_fact o JOIN mine m USING (opportunity_id)
                        )
                        SELECT
                            count(*) FILTER (WHERE status = 'WON' AND close_date BETWEEN :from AND :to) AS won,
                            count(*) FILTER (WHERE status = 'LOST' AND close_date BETWEEN :from AND :to) AS lost,
                            count(*) FILTER (WHERE status = 'WON' AND close_date BETWEEN :from AND :to
                                             AND first_win_of_account AND is_primary) AS first_wins,
                            coalesce(sum(reporting_amount * share / 100)
                                     FILTER (WHERE status = 'WON' AND close_date BETWEEN :from AND :to), 0) AS won_amount,
                            coalesce(sum(greatest(close_date - opened_on, 1))
                                     FILTER (WHERE status = 'WON' AND close_date BETWEEN :from AND :to AND opened_on IS NOT NULL), 0) AS cycle_days,
                            count(*) FILTER (WHERE status = 'WON' AND close_date BETWEEN :from AND :to AND opened_on IS NOT NULL) AS cycles,
                            count(*) FILTER (WHERE status = 'OPEN') AS open,
                            count(*) FILTER (WHERE opened_on BETWEEN :from AND :to) AS opened,
                            count(*) FILTER (WHERE opened_on BETWEEN :from AND :to AND status = 'WON') AS opened_won
                        FROM closed
                        """)
                .bind("reps", repIds.toArray(UUID[]::new)).bind("from", from).bind("to", to)
                .map(row -> new DealFigures(row.get("won", Long.class), row.get("lost", Long.class),
                        row.get("first_wins", Long.class), row.get("won_amount", BigDecimal.class),
                        ((Number) row.get("cycle_days")).longValue(), row.get("cycles", Long.class), row.get("open", Long.class),
                        row.get("opened", Long.class), row.get("opened_won", Long.class)))
                .one()
                .defaultIfEmpty(DealFigures.NONE);
    }

    /** The owners' share of collected and value of the contracts of a set of reps signed in [from, to]. */
    public Mono<CollectionFigures> collectionFigures(Collection<UUID> repIds, LocalDate from, LocalDate to) {
        if (repIds.isEmpty()) {
            return Mono.just(CollectionFigures.NONE);
        }
        return db.sql("""
                        WITH mine AS (
                            SELECT contract_id, sum(split_percent) AS share FROM contract_fact_owner
                            WHERE rep_id = ANY(:reps) GROUP BY contract_id
                        )
                        SELECT coalesce(sum(c.reporting_collected * m.share / 100), 0) AS collected,
                               coalesce(sum(c.reporting_value * m.share / 100), 0) AS value
                        FROM contract_fact c JOIN mine m USING (contract_id)
                        WHERE c.signed_date BETWEEN :from AND :to AND c.reporting_value IS NOT NULL
                        """)
                .bind("reps", repIds.toArray(UUID[]::new)).bind("from", from).bind("to", to)
                .map(row -> new CollectionFigures(row.get("collected", BigDecimal.class), row.get("value", BigDecimal.class)))
                .one()
                .defaultIfEmpty(CollectionFigures.NONE);
    }

    private static BigDecimal amount(OpportunityChanged.Amount amount) {
        return amount == null || amount.amount() == null ? null : new BigDecimal(amount.amount());
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value,
                                                              Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
