package com.quota.contract.persistence;

import com.quota.orgdirectory.scope.SqlPredicate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** List queries, the pending-approvals inbox and summary statistics over the contract table, always within a scope. */
@Repository
public class ContractQueries {

    /** Sortable API fields and their columns. */
    public static final Map<String, String> SORT_FIELDS = Map.of(
            "createdAt", "c.created_at", "signedDate", "c.signed_date", "value", "c.reporting_value",
            "contractNumber", "c.contract_number", "status", "c.status");

    // the owners of a contract are in a child table; scope predicates match any of them
    public static final String OWNERS_SQL = "ANY(SELECT o.rep_id FROM contract_owner o WHERE o.contract_id = c.id)";

    private final DatabaseClient db;

    public ContractQueries(DatabaseClient db) {
        this.db = db;
    }

    /** Filters of the list: each null means "any". */
    public record Filter(UUID accountId, UUID opportunityId, UUID ownerRepId, String status, LocalDate signedFrom,
                         LocalDate signedTo, String externalRef) {
    }

    /** One row of a list. */
    public record Row(UUID id, String number, String title, String status, UUID accountId, UUID opportunityId,
                      BigDecimal value, String currency, BigDecimal reportingValue, String reportingCurrency,
                      BigDecimal collected, LocalDate signedDate, int version, long rowVersion, String externalRef,
                      java.time.Instant createdAt) {
    }

    private record Where(String sql, Map<String, Object> binds) {
    }

    private static Where where(Filter f, SqlPredicate scope) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>(scope.binds());
        parts.add("(" + scope.sql() + ")");
        if (f.accountId() != null) { parts.add("c.account_id = :accountId"); binds.put("accountId", f.accountId()); }
        if (f.opportunityId() != null) { parts.add("c.opportunity_id = :opportunityId"); binds.put("opportunityId", f.opportunityId()); }
        if (f.ownerRepId() != null) {
            parts.add("exists (select 1 from contract_owner fo where fo.contract_id = c.id and fo.rep_id = :ownerRepId)");
            binds.put("ownerRepId", f.ownerRepId());
        }
        if (f.status() != null) { parts.add("c.status = :status"); binds.put("status", f.status()); }
        if (f.signedFrom() != null) { parts.add("c.signed_date >= :signedFrom"); binds.put("signedFrom", f.signedFrom()); }
        if (f.signedTo() != null) { parts.add("c.signed_date <= :signedTo"); binds.put("signedTo", f.signedTo()); }
        if (f.externalRef() != null) { parts.add("c.external_ref = :externalRef"); binds.put("externalRef", f.externalRef()); }
        return new Where(String.join(" and ", parts), binds);
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }

    public Mono<Long> count(Filter filter, SqlPredicate scope) {
        Where w = where(filter, scope);
        return bind(db.sql("select count(*) as n from contract c where " + w.sql()), w.binds()).map(r -> r.get("n", Long.class)).one();
    }

    /** Rows of a page; {@code orderLimitOffset} comes from validated paging only. */
    public Flux<Row> rows(Filter filter, SqlPredicate scope, String orderLimitOffset) {
        Where w = where(filter, scope);
        return bind(db.sql("select c.* from contract c where " + w.sql() + orderLimitOffset), w.binds()).map(r -> new Row(
                r.get("id", UUID.class), r.get("contract_number", String.class), r.get("title", String.class), r.get("status", String.class),
                r.get("account_id", UUID.class), r.get("opportunity_id", UUID.class), r.get("value_amount", BigDecimal.class),
                r.get("currency", String.class).trim(), r.get("reporting_value", BigDecimal.class), r.get("reporting_currency", String.class).trim(),
                r.get("collected_amount", BigDecimal.class), r.get("signed_date", LocalDate.class), r.get("current_version", Integer.class),
                r.get("row_version", Long.class), r.get("external_ref", String.class), r.get("created_at", java.time.Instant.class))).all();
    }

    /** Contracts waiting for a step this caller's roles may decide, not submitted by the caller. */
    public Flux<UUID> pendingFor(List<String> roles, String subject, SqlPredicate scope) {
        Map<String, Object> binds = new LinkedHashMap<>(scope.binds());
        binds.put("roles", roles.toArray(String[]::new));
        binds.put("subject", subject);
        String sql = """
                select c.id from contract c
                join contract_approval a on a.contract_id = c.id and a.round = c.approval_round and a.decision is null
                where c.status = 'PENDING_APPROVAL' and (%s) and coalesce(c.submitted_by, '') <> :subject
                  and a.step_no = (select min(step_no) from contract_approval x where x.contract_id = c.id and x.round = c.approval_round and x.decision is null)
                  and a.required_role = any(:roles)
                order by c.updated_at, c.id""".formatted(scope.sql());
        return bind(db.sql(sql), binds).map(r -> r.get("id", UUID.class)).all();
    }

    /** Count and reporting value by status; signed and collected within [from, to]. */
    public Mono<Map<String, Object>> summary(SqlPredicate scope, LocalDate from, LocalDate to) {
        Map<String, Object> binds = new LinkedHashMap<>(scope.binds());
        Mono<List<Map<String, Object>>> byStatus = bind(db.sql("""
                select c.status, count(*) as n, coalesce(sum(c.reporting_value), 0) as v from contract c where (%s)
                group by c.status order by c.status""".formatted(scope.sql())), binds)
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", r.get("status", String.class));
                    m.put("count", r.get("n", Long.class));
                    m.put("reportingValue", r.get("v", BigDecimal.class).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
                    return m;
                }).all().collectList();
        binds.put("from", from);
        binds.put("to", to);
        Mono<Map<String, Object>> signed = bind(db.sql("""
                select count(*) as n, coalesce(sum(c.reporting_value), 0) as v from contract c
                where (%s) and c.signed_date between :from and :to""".formatted(scope.sql())), binds)
                .map(r -> Map.<String, Object>of("count", r.get("n", Long.class), "reportingValue", r.get("v", BigDecimal.class).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString())).one();
        Mono<Map<String, Object>> collected = bind(db.sql("""
                select count(*) as n, coalesce(sum(round(p.amount * c.fx_rate, 2)), 0) as v from contract_payment p
                join contract c on c.id = p.contract_id where (%s) and p.received_date between :from and :to""".formatted(scope.sql())), binds)
                .map(r -> Map.<String, Object>of("count", r.get("n", Long.class), "reportingAmount", r.get("v", BigDecimal.class).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString())).one();
        return Mono.zip(byStatus, signed, collected).map(t -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("byStatus", t.getT1());
            result.put("signedInPeriod", t.getT2());
            result.put("collectedInPeriod", t.getT3());
            return result;
        });
    }
}
