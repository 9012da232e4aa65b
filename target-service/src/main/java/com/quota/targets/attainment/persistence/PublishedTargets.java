package com.quota.targets.attainment.persistence;

import com.quota.calendar.PeriodKey;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.TargetLevel;
import com.quota.targets.attainment.application.TargetsInForce;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link TargetsInForce} over the targets tables of target-service ({@code target}, {@code target_version},
 * {@code target_amount}, published by the targets feature in its V3 migration): the latest PUBLISHED version whose
 * {@code effective_from} is on or before the as-of date, its monthly amounts per level. Dimensions match exactly: a
 * figure for {@code productLine=ANALYZERS} is measured against the target set for that product line and no other
 * dimension; the total ({@code *}) against the target without dimensions. No published version: no target in force
 * (figures show actuals with null attainment and pace, never invented targets).
 */
@Component
public class PublishedTargets implements TargetsInForce {

    private static final String IN_FORCE = """
            SELECT t.id, v.number, a.level, a.month, a.amount
            FROM target t
            JOIN LATERAL (
                SELECT tv.number FROM target_version tv
                WHERE tv.target_id = t.id AND tv.status = 'PUBLISHED' AND tv.effective_from <= :asOf
                ORDER BY tv.number DESC LIMIT 1
            ) v ON true
            JOIN target_amount a ON a.target_id = t.id AND a.version_number = v.number
            WHERE t.fiscal_year = :fiscalYear AND t.metric = :metric AND t.owner_type = :ownerType AND t.owner_id = :ownerId
              AND coalesce(t.product_line, '') = :productLine AND coalesce(t.region, '') = :region
              AND coalesce(t.channel, '') = :channel AND coalesce(t.customer_segment, '') = :customerSegment
            """;

    private static final String EVERY_IN_FORCE = """
            SELECT t.id, t.owner_type, t.owner_id, t.metric, v.number, a.level, a.month, a.amount
            FROM target t
            JOIN LATERAL (
                SELECT tv.number FROM target_version tv
                WHERE tv.target_id = t.id AND tv.status = 'PUBLISHED' AND tv.effective_from <= :asOf
                ORDER BY tv.number DESC LIMIT 1
            ) v ON true
            JOIN target_amount a ON a.target_id = t.id AND a.version_number = v.number
            WHERE t.fiscal_year = :fiscalYear AND t.product_line IS NULL AND t.region IS NULL AND t.channel IS NULL
              AND t.customer_segment IS NULL
            ORDER BY t.owner_type, t.owner_id, t.metric, t.id
            """;

    private final DatabaseClient db;

    public PublishedTargets(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Target> inForce(Owner owner, Metric metric, String dimension, int fiscalYear, LocalDate asOf) {
        return read(owner, metric, dimension, fiscalYear, asOf);
    }

    @Override
    public Mono<java.util.Set<Owner>> withAnyTarget(java.util.Collection<Owner> owners, Metric metric,
                                                    java.util.Collection<Integer> fiscalYears) {
        if (owners.isEmpty() || fiscalYears.isEmpty()) {
            return Mono.just(java.util.Set.of());
        }
        return db.sql("SELECT DISTINCT t.owner_type, t.owner_id FROM target t"
                        + " JOIN unnest(CAST(:types AS text[]), CAST(:ids AS uuid[])) AS o(owner_type, owner_id)"
                        + " ON t.owner_type = o.owner_type AND t.owner_id = o.owner_id"
                        + " WHERE t.metric = :metric AND t.fiscal_year = ANY(:years) AND t.product_line IS NULL"
                        + " AND t.region IS NULL AND t.channel IS NULL AND t.customer_segment IS NULL")
                .bind("types", owners.stream().map(o -> o.type().name()).toArray(String[]::new))
                .bind("ids", owners.stream().map(Owner::id).toArray(UUID[]::new))
                .bind("metric", metric.name())
                .bind("years", fiscalYears.toArray(Integer[]::new))
                .map(row -> new Owner(com.quota.targets.attainment.OwnerType.valueOf(row.get("owner_type", String.class)),
                        row.get("owner_id", UUID.class)))
                .all()
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public reactor.core.publisher.Flux<OwnerMetric> ownersWithTargets(int fiscalYear) {
        return db.sql("SELECT DISTINCT owner_type, owner_id, metric FROM target WHERE fiscal_year = :fiscalYear"
                                + " AND product_line IS NULL AND region IS NULL AND channel IS NULL AND customer_segment IS NULL"
                                + " ORDER BY owner_type, owner_id, metric")
                        .bind("fiscalYear", fiscalYear)
                        .map(row -> new OwnerMetric(new Owner(com.quota.targets.attainment.OwnerType.valueOf(
                                row.get("owner_type", String.class)), row.get("owner_id", UUID.class)),
                                Metric.valueOf(row.get("metric", String.class))))
                        .all();
    }

    @Override
    public reactor.core.publisher.Flux<OwnerTarget> everyTargetInForce(int fiscalYear, LocalDate asOf) {
        return db.sql(EVERY_IN_FORCE)
                .bind("asOf", asOf)
                .bind("fiscalYear", fiscalYear)
                .map(row -> new OwnerRow(new Owner(com.quota.targets.attainment.OwnerType.valueOf(
                        row.get("owner_type", String.class)), row.get("owner_id", UUID.class)),
                        Metric.valueOf(row.get("metric", String.class)),
                        new Row(row.get("id", UUID.class), row.get("number", Integer.class),
                                TargetLevel.valueOf(row.get("level", String.class)), row.get("month", Short.class),
                                row.get("amount", BigDecimal.class))))
                .all()
                // rows come ordered by owner and metric: one group per owner × metric, as read() builds it
                .bufferUntilChanged(r -> java.util.List.of(r.owner(), r.metric()))
                .map(group -> new OwnerTarget(group.get(0).owner(), group.get(0).metric(),
                        target(fiscalYear, group.stream().map(OwnerRow::row).toList())));
    }

    private record OwnerRow(Owner owner, Metric metric, Row row) {
    }

    private static Target target(int fiscalYear, java.util.List<Row> rows) {
        Map<TargetLevel, Map<PeriodKey, BigDecimal>> byLevel = new EnumMap<>(TargetLevel.class);
        for (Row r : rows) {
            byLevel.computeIfAbsent(r.level, l -> new HashMap<>()).put(PeriodKey.month(fiscalYear, r.month), r.amount);
        }
        return new Target(rows.get(0).targetId, rows.get(0).version, byLevel);
    }

    private Mono<Target> read(Owner owner, Metric metric, String dimension, int fiscalYear, LocalDate asOf) {
        Map<String, String> dims = dimensionColumns(dimension);
        return db.sql(IN_FORCE)
                .bind("asOf", asOf)
                .bind("fiscalYear", fiscalYear)
                .bind("metric", metric.name())
                .bind("ownerType", owner.type().name())
                .bind("ownerId", owner.id())
                .bind("productLine", dims.getOrDefault("productLine", ""))
                .bind("region", dims.getOrDefault("region", ""))
                .bind("channel", dims.getOrDefault("channel", ""))
                .bind("customerSegment", dims.getOrDefault("customerSegment", ""))
                .map(row -> new Row(row.get("id", UUID.class), row.get("number", Integer.class),
                        TargetLevel.valueOf(row.get("level", String.class)), row.get("month", Short.class),
                        row.get("amount", BigDecimal.class)))
                .all()
                .collectList()
                .map(rows -> rows.isEmpty() ? Target.NONE : target(fiscalYear, rows));
    }

    private record Row(UUID targetId, Integer version, TargetLevel level, int month, BigDecimal amount) {
    }

    private static Map<String, String> dimensionColumns(String dimension) {
        if (dimension == null || dimension.equals(Dimensions.ALL)) {
            return Map.of();
        }
        int eq = dimension.indexOf('=');
        return Map.of(dimension.substring(0, eq), dimension.substring(eq + 1));
    }
}
