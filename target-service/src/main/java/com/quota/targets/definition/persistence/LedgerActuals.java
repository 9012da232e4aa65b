package com.quota.targets.definition.persistence;

import com.quota.targets.definition.Metric;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The attainment ledger's own actuals, read only: the monthly totals ({@code dimension = '*'}) of
 * {@code attainment_counter}, which the attainment package writes. A month counts as covered by the ledger once it
 * holds any actual of the metric for anyone; an owner without a row in a covered month had nothing (zero).
 */
@Repository
public class LedgerActuals {

    /** The ledger's months of one metric between two first-of-month days, and each owner's total per covered month. */
    public record Months(Set<LocalDate> covered, Map<UUID, Map<LocalDate, BigDecimal>> byOwner) {
    }

    private final DatabaseClient db;

    public LedgerActuals(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Months> months(Collection<UUID> owners, Metric metric, LocalDate firstMonth, LocalDate lastMonth) {
        Mono<Set<LocalDate>> covered = db.sql("""
                        SELECT DISTINCT month FROM attainment_counter
                        WHERE metric = :metric AND dimension = '*' AND month BETWEEN :first AND :last""")
                .bind("metric", metric.name()).bind("first", firstMonth).bind("last", lastMonth)
                .map(row -> row.get("month", LocalDate.class)).all().collect(HashSet::new, Set::add);
        Mono<Map<UUID, Map<LocalDate, BigDecimal>>> amounts = db.sql("""
                        SELECT owner_id, month, sum(amount) AS amount FROM attainment_counter
                        WHERE owner_id = ANY((:owners::text[])::uuid[]) AND metric = :metric AND dimension = '*'
                          AND month BETWEEN :first AND :last
                        GROUP BY owner_id, month""")
                .bind("owners", owners.stream().map(UUID::toString).toArray(String[]::new))
                .bind("metric", metric.name()).bind("first", firstMonth).bind("last", lastMonth)
                .map(row -> new Object[]{row.get("owner_id", UUID.class), row.get("month", LocalDate.class),
                        row.get("amount", BigDecimal.class)})
                .all()
                .collect(HashMap::new, (map, r) -> map.computeIfAbsent((UUID) r[0], k -> new HashMap<>())
                        .put((LocalDate) r[1], (BigDecimal) r[2]));
        return Mono.zip(covered, amounts).map(t -> new Months(t.getT1(), t.getT2()));
    }
}
