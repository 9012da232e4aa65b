package com.quota.performance.commission.persistence;

import com.quota.money.Money;
import com.quota.performance.commission.LineKind;
import com.quota.performance.commission.StatementLine;
import com.quota.performance.commission.Tier;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Issued statements and their lines: written once, never updated. */
@Repository
public class StatementRows {

    /** An issued statement's header. */
    public record StatementHeader(UUID id, UUID repId, UUID planId, String planPeriodKey, String statementPeriodKey,
                                  String status, LocalDate issuedDate, Currency currency, BigDecimal quota,
                                  BigDecimal creditedToDate, BigDecimal payout, BigDecimal previousPayout,
                                  BigDecimal payoutToDate, String approvedBy) {
    }

    /** A stored line with its id. */
    public record StoredLine(UUID id, StatementLine line) {
    }

    /** A statement with its lines in order. */
    public record StoredStatement(StatementHeader header, List<StoredLine> lines) {
    }

    private final DatabaseClient db;

    public StatementRows(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(StatementHeader header, List<StoredLine> lines) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO commission_statement (id, rep_id, plan_id, plan_period_key, statement_period_key, status,
                            issued_date, currency, quota, credited_to_date, payout, previous_payout, payout_to_date, approved_by)
                        VALUES (:id, :repId, :planId, :planPeriodKey, :statementPeriodKey, :status, :issuedDate, :currency,
                            :quota, :credited, :payout, :previous, :toDate, :approvedBy)
                        """)
                .bind("id", header.id()).bind("repId", header.repId()).bind("planId", header.planId())
                .bind("planPeriodKey", header.planPeriodKey()).bind("statementPeriodKey", header.statementPeriodKey())
                .bind("status", header.status()).bind("issuedDate", header.issuedDate())
                .bind("currency", header.currency().getCurrencyCode())
                .bind("credited", header.creditedToDate()).bind("payout", header.payout())
                .bind("previous", header.previousPayout()).bind("toDate", header.payoutToDate())
                .bind("approvedBy", header.approvedBy());
        spec = header.quota() == null ? spec.bindNull("quota", BigDecimal.class) : spec.bind("quota", header.quota());
        Flux<Long> inserts = Flux.range(0, lines.size()).concatMap(i -> insertLine(header.id(), i, lines.get(i)));
        return spec.fetch().rowsUpdated().thenMany(inserts).then();
    }

    private Mono<Long> insertLine(UUID statementId, int position, StoredLine stored) {
        StatementLine line = stored.line();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO statement_line (id, statement_id, position, kind, ledger_event_id, source_event_id,
                            source_event_type, opportunity_id, contract_id, credit_date, credited, cumulative_before,
                            cumulative_after, tier_from, tier_to, rate_percent, payout)
                        VALUES (:id, :statementId, :position, :kind, :ledgerEventId, :sourceEventId, :sourceEventType,
                            :opportunityId, :contractId, :creditDate, :credited, :before, :after, :tierFrom, :tierTo, :rate, :payout)
                        """)
                .bind("id", stored.id()).bind("statementId", statementId).bind("position", position)
                .bind("kind", line.kind().name()).bind("credited", line.credited().amount()).bind("payout", line.payout().amount());
        spec = nullable(spec, "ledgerEventId", line.ledgerEventId(), UUID.class);
        spec = nullable(spec, "sourceEventId", line.sourceEventId(), UUID.class);
        spec = nullable(spec, "sourceEventType", line.sourceEventType(), String.class);
        spec = nullable(spec, "opportunityId", line.opportunityId(), UUID.class);
        spec = nullable(spec, "contractId", line.contractId(), UUID.class);
        spec = nullable(spec, "creditDate", line.creditDate(), LocalDate.class);
        spec = nullable(spec, "before", line.cumulativeBefore() == null ? null : line.cumulativeBefore().amount(), BigDecimal.class);
        spec = nullable(spec, "after", line.cumulativeAfter() == null ? null : line.cumulativeAfter().amount(), BigDecimal.class);
        spec = nullable(spec, "tierFrom", line.tier() == null ? null : line.tier().fromPercent(), BigDecimal.class);
        spec = nullable(spec, "tierTo", line.tier() == null ? null : line.tier().toPercent(), BigDecimal.class);
        spec = nullable(spec, "rate", line.ratePercent(), BigDecimal.class);
        return spec.fetch().rowsUpdated();
    }

    /** The lines of the rep's issued statements in a plan period, in issue order then position. */
    public Flux<StatementLine> issuedLines(UUID repId, UUID planId, String planPeriodKey, Currency currency) {
        return db.sql("""
                        SELECT l.* FROM statement_line l JOIN commission_statement s ON s.id = l.statement_id
                        WHERE s.rep_id = :repId AND s.plan_id = :planId AND s.plan_period_key = :planPeriodKey
                        ORDER BY s.created_at, s.id, l.position
                        """)
                .bind("repId", repId).bind("planId", planId).bind("planPeriodKey", planPeriodKey)
                .map(row -> line(row, currency)).all();
    }

    /** The quota the plan period's first issued statement paid on (pinned for the rest of the period). */
    public Mono<BigDecimal> pinnedQuota(UUID repId, UUID planId, String planPeriodKey) {
        return db.sql("""
                        SELECT quota FROM commission_statement
                        WHERE rep_id = :repId AND plan_id = :planId AND plan_period_key = :planPeriodKey AND quota IS NOT NULL
                        ORDER BY created_at, id LIMIT 1
                        """)
                .bind("repId", repId).bind("planId", planId).bind("planPeriodKey", planPeriodKey)
                .map(row -> row.get("quota", BigDecimal.class)).one();
    }

    /** Tags an issued statement with the client's reference (unique: another statement's reference is a 409). */
    public Mono<Void> tag(UUID statementId, String externalRef) {
        return db.sql("UPDATE commission_statement SET external_ref = :ref WHERE id = :id")
                .bind("ref", externalRef).bind("id", statementId).fetch().rowsUpdated()
                .onErrorMap(e -> e.getMessage() != null && e.getMessage().contains("commission_statement_external_ref_idx"),
                        e -> com.quota.api.problem.ApiProblem.duplicate("another statement has the externalRef " + externalRef))
                .then();
    }

    public Mono<Boolean> exists(UUID repId, UUID planId, String statementPeriodKey) {
        return db.sql("SELECT count(*) AS n FROM commission_statement WHERE rep_id = :repId AND plan_id = :planId "
                        + "AND statement_period_key = :key")
                .bind("repId", repId).bind("planId", planId).bind("key", statementPeriodKey)
                .map(row -> row.get("n", Long.class) > 0).one();
    }

    public Mono<StoredStatement> find(UUID id) {
        return db.sql("SELECT * FROM commission_statement WHERE id = :id").bind("id", id)
                .map(StatementRows::header).one()
                .flatMap(header -> db.sql("SELECT * FROM statement_line WHERE statement_id = :id ORDER BY position")
                        .bind("id", id)
                        .map(row -> new StoredLine(row.get("id", UUID.class), line(row, header.currency())))
                        .all().collectList()
                        .map(lines -> new StoredStatement(header, lines)));
    }

    /** Statement headers visible under a SQL predicate on {@code s.rep_id}, newest first. */
    public Flux<StatementHeader> headers(String predicateSql, java.util.Map<String, Object> binds, String orderByLimitOffset) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT s.* FROM commission_statement s WHERE " + predicateSql + orderByLimitOffset);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(StatementRows::header).all();
    }

    public Mono<Long> count(String predicateSql, java.util.Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT count(*) AS n FROM commission_statement s WHERE " + predicateSql);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> row.get("n", Long.class)).one();
    }

    private static StatementHeader header(Readable row) {
        return new StatementHeader(row.get("id", UUID.class), row.get("rep_id", UUID.class), row.get("plan_id", UUID.class),
                row.get("plan_period_key", String.class), row.get("statement_period_key", String.class),
                row.get("status", String.class), row.get("issued_date", LocalDate.class),
                Currency.getInstance(row.get("currency", String.class)), row.get("quota", BigDecimal.class),
                row.get("credited_to_date", BigDecimal.class), row.get("payout", BigDecimal.class),
                row.get("previous_payout", BigDecimal.class), row.get("payout_to_date", BigDecimal.class),
                row.get("approved_by", String.class));
    }

    private static StatementLine line(Readable row, Currency currency) {
        BigDecimal before = row.get("cumulative_before", BigDecimal.class);
        BigDecimal after = row.get("cumulative_after", BigDecimal.class);
        BigDecimal tierFrom = row.get("tier_from", BigDecimal.class);
        BigDecimal rate = row.get("rate_percent", BigDecimal.class);
        return new StatementLine(LineKind.valueOf(row.get("kind", String.class)), row.get("ledger_event_id", UUID.class),
                row.get("source_event_id", UUID.class), row.get("source_event_type", String.class),
                row.get("opportunity_id", UUID.class), row.get("contract_id", UUID.class), row.get("credit_date", LocalDate.class),
                Money.of(row.get("credited", BigDecimal.class), currency),
                before == null ? null : Money.of(before, currency), after == null ? null : Money.of(after, currency),
                tierFrom == null ? null : new Tier(tierFrom, row.get("tier_to", BigDecimal.class), rate == null ? BigDecimal.ZERO : rate),
                rate == null ? null : rate.stripTrailingZeros(), Money.of(row.get("payout", BigDecimal.class), currency));
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, T value,
                                                                  Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

}
