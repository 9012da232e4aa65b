package com.quota.targets.attainment.persistence;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The scratch schema a rebuild replays into (the ledger's three tables, empty, same definitions) and the comparison
 * of every figure with the live tables.
 */
@Repository
public class RebuildStore {

    public static final String SCHEMA = "attainment_rebuild";
    private static final List<String> TABLES = List.of("attainment_line", "attainment_line_unit", "attainment_counter");

    private final DatabaseClient db;
    private volatile String liveSchema;

    public RebuildStore(DatabaseClient db) {
        this.db = db;
    }

    /** Drops and creates the scratch schema with empty copies of the ledger tables. */
    public Mono<Void> prepareScratch() {
        return db.sql("SELECT current_schema() AS s").map(row -> row.get("s", String.class)).one()
                .doOnNext(schema -> liveSchema = schema)
                .then(db.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").then())
                .then(db.sql("CREATE SCHEMA " + SCHEMA).then())
                .then(reactor.core.publisher.Flux.fromIterable(TABLES)
                        .concatMap(table -> db.sql("CREATE TABLE " + SCHEMA + "." + table + " (LIKE " + live() + "."
                                + table + " INCLUDING ALL)").then())
                        .then());
    }

    /** In the current transaction: the ledger's tables resolve to the scratch schema, everything else to the live one. */
    public Mono<Void> useScratch() {
        return db.sql("SET LOCAL search_path TO " + SCHEMA + ", " + live()).then();
    }

    private String live() {
        String schema = liveSchema;
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("the live schema is not known (prepare the scratch schema first): " + schema);
        }
        return schema;
    }

    /** A counter whose rebuilt value differs from the live one. */
    public record CounterDifference(String ownerType, String ownerId, String metric, LocalDate month, String dimension,
                                    BigDecimal live, BigDecimal rebuilt) {
    }

    /** What the comparison found: sizes, and every differing counter and source event (the first 1,000 of each). */
    public record Comparison(long liveLines, long rebuiltLines, long liveCounters, long rebuiltCounters,
                             long differingCounters, long differingSourceEvents, List<CounterDifference> counters,
                             List<String> sourceEvents) {
        public boolean identical() {
            return differingCounters == 0 && differingSourceEvents == 0;
        }
    }

    public Mono<Comparison> compare() {
        String live = live();
        String counterDiff = """
                FROM %1$s.attainment_counter l FULL JOIN %2$s.attainment_counter r
                  ON r.owner_type = l.owner_type AND r.owner_id = l.owner_id AND r.metric = l.metric AND r.month = l.month
                 AND r.dimension = l.dimension
                WHERE coalesce(l.amount, 0) <> coalesce(r.amount, 0)""".formatted(live, SCHEMA);
        // per source event, rep, metric: amount and the units it rolled up to
        String lineDiff = """
                WITH lv AS (SELECT l.source_event_id, l.rep_id, l.metric, l.amount, l.credit_date,
                                   (SELECT array_agg(u.unit_id ORDER BY u.depth) FROM %1$s.attainment_line_unit u
                                     WHERE u.source_event_id = l.source_event_id AND u.rep_id = l.rep_id AND u.metric = l.metric) AS units
                            FROM %1$s.attainment_line l),
                     rb AS (SELECT l.source_event_id, l.rep_id, l.metric, l.amount, l.credit_date,
                                   (SELECT array_agg(u.unit_id ORDER BY u.depth) FROM %2$s.attainment_line_unit u
                                     WHERE u.source_event_id = l.source_event_id AND u.rep_id = l.rep_id AND u.metric = l.metric) AS units
                            FROM %2$s.attainment_line l)
                SELECT DISTINCT coalesce(lv.source_event_id, rb.source_event_id) AS source_event_id
                FROM lv FULL JOIN rb ON rb.source_event_id = lv.source_event_id AND rb.rep_id = lv.rep_id AND rb.metric = lv.metric
                WHERE lv.amount IS DISTINCT FROM rb.amount OR lv.credit_date IS DISTINCT FROM rb.credit_date
                   OR lv.units IS DISTINCT FROM rb.units""".formatted(live, SCHEMA);
        Mono<long[]> sizes = db.sql("SELECT (SELECT count(*) FROM %1$s.attainment_line) AS ll, (SELECT count(*) FROM %2$s.attainment_line) AS rl,"
                        .formatted(live, SCHEMA)
                        + " (SELECT count(*) FROM %1$s.attainment_counter) AS lc, (SELECT count(*) FROM %2$s.attainment_counter) AS rc,"
                        .formatted(live, SCHEMA)
                        + " (SELECT count(*) " + counterDiff + ") AS dc, (SELECT count(*) FROM (" + lineDiff + ") d) AS de")
                .map(row -> new long[] {row.get("ll", Long.class), row.get("rl", Long.class), row.get("lc", Long.class),
                        row.get("rc", Long.class), row.get("dc", Long.class), row.get("de", Long.class)})
                .one();
        Mono<List<CounterDifference>> counters = db.sql("SELECT coalesce(l.owner_type, r.owner_type) AS owner_type,"
                        + " CAST(coalesce(l.owner_id, r.owner_id) AS text) AS owner_id, coalesce(l.metric, r.metric) AS metric,"
                        + " coalesce(l.month, r.month) AS month, coalesce(l.dimension, r.dimension) AS dimension,"
                        + " coalesce(l.amount, 0) AS live, coalesce(r.amount, 0) AS rebuilt " + counterDiff
                        + " ORDER BY 1, 2, 3, 4, 5 LIMIT 1000")
                .map(row -> new CounterDifference(row.get("owner_type", String.class), row.get("owner_id", String.class),
                        row.get("metric", String.class), row.get("month", LocalDate.class), row.get("dimension", String.class),
                        row.get("live", BigDecimal.class), row.get("rebuilt", BigDecimal.class)))
                .all().collectList();
        Mono<List<String>> events = db.sql("SELECT CAST(source_event_id AS text) AS id FROM (" + lineDiff + ") d ORDER BY 1 LIMIT 1000")
                .map(row -> row.get("id", String.class)).all().collectList();
        return Mono.zip(sizes, counters, events).map(t -> new Comparison(t.getT1()[0], t.getT1()[1], t.getT1()[2],
                t.getT1()[3], t.getT1()[4], t.getT1()[5], t.getT2(), t.getT3()));
    }
}
