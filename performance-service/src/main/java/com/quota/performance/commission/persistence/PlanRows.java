package com.quota.performance.commission.persistence;

import com.quota.money.Money;
import com.quota.performance.commission.CommissionMetric;
import com.quota.performance.commission.CommissionPlan;
import com.quota.performance.commission.PlanAssignment;
import com.quota.performance.commission.PlanMode;
import com.quota.performance.commission.PlanPeriod;
import com.quota.performance.commission.RateAnchor;
import com.quota.performance.commission.Tier;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Commission plans (tiers and anchors as JSON) and their assignments to reps. */
@Repository
public class PlanRows {

    /** A stored plan and its optimistic-locking version. */
    public record StoredPlan(CommissionPlan plan, long version) {
    }

    record TierJson(BigDecimal fromPercent, BigDecimal toPercent, BigDecimal ratePercent) {
    }

    record AnchorJson(BigDecimal attainmentPercent, BigDecimal ratePercent) {
    }

    private static final String COLUMNS = "id, name, metric, mode, plan_period, currency, tiers, anchors, cap_amount, "
            + "clawback_window_days, effective_from, effective_to, version";

    private final DatabaseClient db;
    private final JsonMapper json;

    public PlanRows(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insert(CommissionPlan plan) {
        return bindPlan(db.sql("INSERT INTO commission_plan (" + COLUMNS + ") VALUES (:id, :name, :metric, :mode, :period, "
                + ":currency, :tiers, :anchors, :cap, :window, :from, :to, 0)"), plan)
                .fetch().rowsUpdated().then();
    }

    /** Updates when the stored version is {@code expected}; the row count is 0 otherwise. */
    public Mono<Long> update(CommissionPlan plan, long expected) {
        return bindPlan(db.sql("UPDATE commission_plan SET name = :name, metric = :metric, mode = :mode, plan_period = :period, "
                + "currency = :currency, tiers = :tiers, anchors = :anchors, cap_amount = :cap, clawback_window_days = :window, "
                + "effective_from = :from, effective_to = :to, version = version + 1, updated_at = now() "
                + "WHERE id = :id AND version = :expected"), plan)
                .bind("expected", expected)
                .fetch().rowsUpdated();
    }

    public Mono<StoredPlan> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM commission_plan WHERE id = :id").bind("id", id)
                .map(this::plan).one();
    }

    public Flux<StoredPlan> page(String orderByLimitOffset) {
        return db.sql("SELECT " + COLUMNS + " FROM commission_plan" + orderByLimitOffset).map(this::plan).all();
    }

    public Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM commission_plan").map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Void> insertAssignment(PlanAssignment assignment) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO plan_assignment (id, plan_id, rep_id, effective_from, effective_to) "
                        + "VALUES (:id, :planId, :repId, :from, :to)")
                .bind("id", assignment.id()).bind("planId", assignment.planId()).bind("repId", assignment.repId())
                .bind("from", assignment.effectiveFrom());
        spec = assignment.effectiveTo() == null ? spec.bindNull("to", LocalDate.class) : spec.bind("to", assignment.effectiveTo());
        return spec.fetch().rowsUpdated().then();
    }

    public Flux<PlanAssignment> assignmentsOf(UUID planId) {
        return db.sql("SELECT id, plan_id, rep_id, effective_from, effective_to FROM plan_assignment WHERE plan_id = :planId "
                        + "ORDER BY effective_from, id")
                .bind("planId", planId).map(PlanRows::assignment).all();
    }

    /** Whether an assignment of the rep overlaps [from, to] (to null: open). */
    public Mono<Boolean> overlapsAssignment(UUID repId, LocalDate from, LocalDate to) {
        return db.sql("SELECT count(*) AS n FROM plan_assignment WHERE rep_id = :repId "
                        + "AND effective_from <= :to "
                        + "AND COALESCE(effective_to, DATE '9999-12-31') >= :from")
                .bind("repId", repId).bind("from", from)
                .bind("to", to == null ? LocalDate.of(9999, 12, 31) : to)
                .map(row -> row.get("n", Long.class) > 0).one();
    }

    /** The plan paying the rep on a date, if any. */
    public Mono<StoredPlan> planOf(UUID repId, LocalDate on) {
        return db.sql("SELECT p.id, p.name, p.metric, p.mode, p.plan_period, p.currency, p.tiers, p.anchors, p.cap_amount, "
                        + "p.clawback_window_days, p.effective_from, p.effective_to, p.version FROM plan_assignment a "
                        + "JOIN commission_plan p ON p.id = a.plan_id WHERE a.rep_id = :repId AND a.effective_from <= :on "
                        + "AND (a.effective_to IS NULL OR a.effective_to >= :on) ORDER BY a.effective_from DESC LIMIT 1")
                .bind("repId", repId).bind("on", on).map(this::plan).one();
    }

    private static PlanAssignment assignment(Readable row) {
        return new PlanAssignment(row.get("id", UUID.class), row.get("plan_id", UUID.class), row.get("rep_id", UUID.class),
                row.get("effective_from", LocalDate.class), row.get("effective_to", LocalDate.class));
    }

    private DatabaseClient.GenericExecuteSpec bindPlan(DatabaseClient.GenericExecuteSpec spec, CommissionPlan plan) {
        spec = spec.bind("id", plan.id()).bind("name", plan.name()).bind("metric", plan.metric().name())
                .bind("mode", plan.mode().name()).bind("period", plan.period().name())
                .bind("currency", plan.currency().getCurrencyCode())
                .bind("tiers", Json.of(json.writeValueAsString(plan.tiers().stream()
                        .map(t -> new TierJson(t.fromPercent(), t.toPercent(), t.ratePercent())).toList())))
                .bind("anchors", Json.of(json.writeValueAsString(plan.anchors().stream()
                        .map(a -> new AnchorJson(a.attainmentPercent(), a.ratePercent())).toList())))
                .bind("window", plan.clawbackWindowDays())
                .bind("from", plan.effectiveFrom());
        spec = plan.cap() == null ? spec.bindNull("cap", BigDecimal.class) : spec.bind("cap", plan.cap().amount());
        return plan.effectiveTo() == null ? spec.bindNull("to", LocalDate.class) : spec.bind("to", plan.effectiveTo());
    }

    private StoredPlan plan(Readable row) {
        Currency currency = Currency.getInstance(row.get("currency", String.class));
        List<TierJson> tiers = json.readValue(row.get("tiers", Json.class).asString(), new TypeReference<List<TierJson>>() { });
        List<AnchorJson> anchors = json.readValue(row.get("anchors", Json.class).asString(), new TypeReference<List<AnchorJson>>() { });
        BigDecimal cap = row.get("cap_amount", BigDecimal.class);
        CommissionPlan plan = new CommissionPlan(row.get("id", UUID.class), row.get("name", String.class),
                CommissionMetric.valueOf(row.get("metric", String.class)), PlanMode.valueOf(row.get("mode", String.class)),
                PlanPeriod.valueOf(row.get("plan_period", String.class)), currency,
                tiers.stream().map(t -> new Tier(t.fromPercent(), t.toPercent(), t.ratePercent())).toList(),
                anchors.stream().map(a -> new RateAnchor(a.attainmentPercent(), a.ratePercent())).toList(),
                cap == null ? null : Money.of(cap, currency), row.get("clawback_window_days", Integer.class),
                row.get("effective_from", LocalDate.class), row.get("effective_to", LocalDate.class));
        return new StoredPlan(plan, row.get("version", Long.class));
    }
}
