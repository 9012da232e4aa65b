package com.quota.targets.definition.persistence;

import com.quota.targets.definition.Metric;
import com.quota.targets.definition.OwnerType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What allocation and distribution weigh by: historical actuals per owner × metric × month, and seasonal profiles. */
@Repository
public class PlanningDataStore {

    /** One month of an owner's historical actual. */
    public record Actual(OwnerType ownerType, UUID ownerId, Metric metric, int fiscalYear, int month, BigDecimal amount) {
    }

    /** A named seasonal profile: 12 month weights. */
    public record Profile(UUID id, String name, List<BigDecimal> weights, long version) {
    }

    private final DatabaseClient db;

    public PlanningDataStore(DatabaseClient db) {
        this.db = db;
    }

    /** Upserts actuals in one statement (a whole import at once). */
    public Mono<Long> saveActuals(List<Actual> actuals) {
        if (actuals.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        INSERT INTO historical_actual (owner_type, owner_id, metric, fiscal_year, month, amount)
                        SELECT * FROM unnest(:types::text[], :owners::uuid[], :metrics::text[], :years::int[], :months::smallint[], :amounts::numeric[])
                        ON CONFLICT (owner_type, owner_id, metric, fiscal_year, month) DO UPDATE SET amount = EXCLUDED.amount""")
                .bind("types", actuals.stream().map(a -> a.ownerType().name()).toArray(String[]::new))
                .bind("owners", actuals.stream().map(Actual::ownerId).toArray(UUID[]::new))
                .bind("metrics", actuals.stream().map(a -> a.metric().name()).toArray(String[]::new))
                .bind("years", actuals.stream().map(Actual::fiscalYear).toArray(Integer[]::new))
                .bind("months", actuals.stream().map(a -> (short) a.month()).toArray(Short[]::new))
                .bind("amounts", actuals.stream().map(Actual::amount).toArray(BigDecimal[]::new))
                .fetch().rowsUpdated();
    }

    public Flux<Actual> actuals(UUID ownerId, Metric metric, int fiscalYear) {
        return db.sql("""
                        SELECT * FROM historical_actual WHERE owner_id = :owner AND metric = :metric AND fiscal_year = :year
                        ORDER BY month""")
                .bind("owner", ownerId).bind("metric", metric.name()).bind("year", fiscalYear)
                .map(row -> new Actual(OwnerType.valueOf(row.get("owner_type", String.class)), row.get("owner_id", UUID.class),
                        Metric.valueOf(row.get("metric", String.class)), row.get("fiscal_year", Integer.class),
                        row.get("month", Short.class), row.get("amount", BigDecimal.class)))
                .all();
    }

    /** The 12 months of each owner's historical actual in a year, zero where none is known; one statement. */
    public Mono<Map<UUID, List<BigDecimal>>> monthsOf(Collection<UUID> ownerIds, Metric metric, int fiscalYear) {
        return db.sql("""
                        SELECT owner_id, month, amount FROM historical_actual
                        WHERE owner_id = ANY(:owners) AND metric = :metric AND fiscal_year = :year""")
                .bind("owners", ownerIds.toArray(UUID[]::new)).bind("metric", metric.name()).bind("year", fiscalYear)
                .map(row -> new Object[]{row.get("owner_id", UUID.class), row.get("month", Short.class), row.get("amount", BigDecimal.class)})
                .all()
                .collect(HashMap::new, (Map<UUID, BigDecimal[]> map, Object[] r) -> map.computeIfAbsent((UUID) r[0], k -> {
                    BigDecimal[] months = new BigDecimal[12];
                    Arrays.fill(months, BigDecimal.ZERO);
                    return months;
                })[((Short) r[1]) - 1] = (BigDecimal) r[2])
                .map(map -> {
                    Map<UUID, List<BigDecimal>> result = new HashMap<>();
                    map.forEach((owner, months) -> result.put(owner, List.of(months)));
                    return result;
                });
    }

    /** Each owner's total actual of a metric in a year (owners without any are absent). */
    public Mono<Map<UUID, BigDecimal>> yearTotals(Collection<UUID> ownerIds, Metric metric, int fiscalYear) {
        return db.sql("""
                        SELECT owner_id, sum(amount) AS total FROM historical_actual
                        WHERE owner_id = ANY(:owners) AND metric = :metric AND fiscal_year = :year GROUP BY owner_id""")
                .bind("owners", ownerIds.toArray(UUID[]::new)).bind("metric", metric.name()).bind("year", fiscalYear)
                .map(row -> Map.entry(row.get("owner_id", UUID.class), row.get("total", BigDecimal.class))).all()
                .collect(HashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()));
    }

    /** The 12 months of an owner's actual in a year, zero where none is known. */
    public Mono<List<BigDecimal>> months(UUID ownerId, Metric metric, int fiscalYear) {
        return actuals(ownerId, metric, fiscalYear).collectList().map(list -> {
            BigDecimal[] months = new BigDecimal[12];
            Arrays.fill(months, BigDecimal.ZERO);
            list.forEach(a -> months[a.month() - 1] = a.amount());
            return List.of(months);
        });
    }

    public Mono<Profile> profile(UUID id) {
        return db.sql("SELECT * FROM seasonal_profile WHERE id = :id").bind("id", id).map(row -> new Profile(
                row.get("id", UUID.class), row.get("name", String.class), List.of(row.get("weights", BigDecimal[].class)),
                row.get("version", Long.class))).one();
    }

    public Flux<Profile> profiles() {
        return db.sql("SELECT * FROM seasonal_profile ORDER BY name").map(row -> new Profile(
                row.get("id", UUID.class), row.get("name", String.class), List.of(row.get("weights", BigDecimal[].class)),
                row.get("version", Long.class))).all();
    }

    public Mono<Void> insertProfile(Profile p) {
        return db.sql("INSERT INTO seasonal_profile (id, name, weights, version) VALUES (:id, :name, :weights, 1)")
                .bind("id", p.id()).bind("name", p.name()).bind("weights", p.weights().toArray(BigDecimal[]::new))
                .fetch().rowsUpdated().then();
    }

    /** 0 rows when the expected version is stale. */
    public Mono<Long> updateProfile(Profile p, long expected) {
        return db.sql("UPDATE seasonal_profile SET name = :name, weights = :weights, version = version + 1 WHERE id = :id AND version = :v")
                .bind("id", p.id()).bind("name", p.name()).bind("weights", p.weights().toArray(BigDecimal[]::new))
                .bind("v", expected).fetch().rowsUpdated();
    }

    public Mono<Long> deleteProfile(UUID id, long expected) {
        return db.sql("DELETE FROM seasonal_profile WHERE id = :id AND version = :v").bind("id", id).bind("v", expected)
                .fetch().rowsUpdated();
    }
}
