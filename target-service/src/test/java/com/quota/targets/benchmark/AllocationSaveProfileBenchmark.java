package com.quota.targets.benchmark;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.TargetStatus;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.TargetStore;
import com.quota.targets.definition.persistence.VersionRow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the allocation save's time goes (issue #17): the save path's statements of {@link TargetStore}, timed one by one
 * on {@code benchmark.reps} children (3,000 unless told), the array binding through r2dbc-postgresql timed alone, and
 * each statement's {@code EXPLAIN (ANALYZE, BUFFERS)} printed. No org tree and no HTTP: only the persistence of a save.
 * On demand: {@code -Pbenchmark -Dit.test=AllocationSaveProfileBenchmark}. Prints figures, asserts only row counts.
 */
class AllocationSaveProfileBenchmark extends AbstractTargetServiceIT {

    private static final int REPS = Integer.getInteger("benchmark.profile.reps", 3_000);
    private static final Duration LONG = Duration.ofMinutes(10);

    @Autowired
    TargetStore store;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void profileTheSavePathOfAnAllocation() {
        double loadAtStart = load();
        System.out.println("== AllocationSaveProfileBenchmark ==");
        System.out.printf("machine: %d cores, load average at start %.2f; %d children x 12 months%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart, REPS);
        printTriggers();

        // the parent: a unit target with one version
        UUID parentId = UUID.randomUUID();
        int year = 2030 + (int) (Math.abs(parentId.getLeastSignificantBits()) % 50);
        TargetRow parent = new TargetRow(parentId, null, year, Metric.BOOKINGS, OwnerType.UNIT, UUID.randomUUID(),
                Dimensions.ALL, "CNY", null, 1, 1);
        store.insert(parent).then(store.insertVersion(new VersionRow(parentId, 1, TargetStatus.DRAFT, LocalDate.of(year, 1, 1),
                null, "bench", null, null, null))).block(LONG);

        List<TargetStore.OwnerKey> keys = new ArrayList<>();
        for (int i = 0; i < REPS; i++) {
            keys.add(new TargetStore.OwnerKey(OwnerType.REP, UUID.randomUUID(), Dimensions.ALL));
        }
        List<BigDecimal> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(new BigDecimal("1234.56"));
        }
        LevelAmounts amounts = new LevelAmounts(new EnumMap<>(Map.of(TargetLevel.TARGET, new MonthlyAmounts(months))));

        // binding alone: the same arrays as the amount insert, into a statement that does nothing with them
        String[] ids = new String[REPS * 12];
        Integer[] numbers = new Integer[REPS * 12];
        String[] levels = new String[REPS * 12];
        Short[] monthNumbers = new Short[REPS * 12];
        BigDecimal[] values = new BigDecimal[REPS * 12];
        for (int i = 0; i < REPS * 12; i++) {
            ids[i] = keys.get(i / 12).ownerId().toString();
            numbers[i] = 1;
            levels[i] = "TARGET";
            monthNumbers[i] = (short) (i % 12 + 1);
            values[i] = new BigDecimal("1234.56");
        }
        for (int round = 1; round <= 2; round++) {
            time("bind " + REPS * 12 + "-element arrays (5 arrays, nothing done with them), round " + round, () -> db.sql("""
                            SELECT cardinality(:ids::text[]) + cardinality(:numbers::int[]) + cardinality(:levels::text[])
                                   + cardinality(:months::smallint[]) + cardinality(:amounts::numeric[]) AS n""")
                    .bind("ids", ids).bind("numbers", numbers).bind("levels", levels).bind("months", monthNumbers)
                    .bind("amounts", values).map(r -> r.get("n", Integer.class)).one());
            time("bind one " + REPS * 12 + "-element numeric[], round " + round, () -> db.sql(
                            "SELECT cardinality(:amounts::numeric[]) AS n")
                    .bind("amounts", values).map(r -> r.get("n", Integer.class)).one());
            time("bind one " + REPS * 12 + "-element text[] (uuids), round " + round, () -> db.sql(
                            "SELECT cardinality(:ids::text[]) AS n")
                    .bind("ids", ids).map(r -> r.get("n", Integer.class)).one());
        }

        // a first save (every child new), then a second (every child's DRAFT updated), statement by statement
        for (int round = 1; round <= 2; round++) {
            if (round == 2) {
                // the plans on the children saved by round 1 (rolled back), before round 2 rewrites them
                explainTheStatements(year, keys, parentId);
            }
            long start = System.nanoTime();
            int r = round;
            transactions.transactional(timed("round " + r + ": currentForUpdate (lock and read the children)",
                    store.currentForUpdate(year, Metric.BOOKINGS, keys).collectList()).flatMap(existing -> {
                Map<TargetStore.OwnerKey, TargetStore.Current> byKey = new HashMap<>();
                existing.forEach(c -> byKey.put(new TargetStore.OwnerKey(c.target().ownerType(), c.target().ownerId(),
                        c.target().dimensions()), c));
                List<TargetStore.NewDraft> newDrafts = new ArrayList<>();
                List<UUID> updated = new ArrayList<>();
                Map<UUID, Integer> versionOf = new HashMap<>();
                Map<UUID, LevelAmounts> all = new LinkedHashMap<>();
                for (TargetStore.OwnerKey key : keys) {
                    TargetStore.Current current = byKey.get(key);
                    UUID id = current != null ? current.target().id() : UUID.randomUUID();
                    if (current == null) {
                        newDrafts.add(new TargetStore.NewDraft(id, key));
                        versionOf.put(id, 1);
                    } else {
                        versionOf.put(id, current.versionNumber());
                        updated.add(id);
                    }
                    all.put(id, amounts);
                }
                return timed("round " + r + ": insertDrafts (" + newDrafts.size() + " targets and versions)",
                        store.insertDrafts(parent, LocalDate.of(year, 1, 1), "bench", newDrafts).thenReturn(true))
                        .then(timed("round " + r + ": replaceAmountsAll (delete and insert " + all.size() * 12 + " amounts)",
                                store.replaceAmountsAll(versionOf, all, updated).thenReturn(true)))
                        .then(timed("round " + r + ": touchAll (" + updated.size() + " targets)",
                                store.touchAll(updated).thenReturn(true)));
            })).block(LONG);
            System.out.printf("round %d: the whole save, committed: %.3f s%n", round, seconds(start));
        }
        Long rows = db.sql("SELECT count(*) AS n FROM target_amount a JOIN target t ON t.id = a.target_id WHERE t.parent_target_id = :p")
                .bind("p", parentId).map(r -> r.get("n", Long.class)).one().block(LONG);
        assertThat(rows).isEqualTo(REPS * 12L);
        System.out.printf("load average at end %.2f%n", load());
    }

    /** The save's statements (as TargetStore writes them) under EXPLAIN (ANALYZE, BUFFERS), in a transaction rolled back. */
    private void explainTheStatements(int year, List<TargetStore.OwnerKey> keys, UUID parentId) {
        String[] owners = keys.stream().map(k -> k.ownerId().toString()).toArray(String[]::new);
        String[] types = keys.stream().map(k -> "REP").toArray(String[]::new);
        String[] empty = keys.stream().map(k -> "").toArray(String[]::new);
        List<String> targetIds = db.sql("SELECT id::text AS id FROM target WHERE parent_target_id = :p ORDER BY owner_id")
                .bind("p", parentId).map(r -> r.get("id", String.class)).all().collectList().block(LONG);
        String[] ids = targetIds.toArray(String[]::new);
        Integer[] ones = keys.stream().map(k -> 1).toArray(Integer[]::new);
        String[] months = keys.stream().map(k -> "{" + String.join(",", java.util.Collections.nCopies(12, "2345.67")) + "}")
                .toArray(String[]::new);
        String[] newIds = keys.stream().map(k -> UUID.randomUUID().toString()).toArray(String[]::new);
        String[] newOwners = keys.stream().map(k -> UUID.randomUUID().toString()).toArray(String[]::new);

        transactions.execute(tx -> {
            tx.setRollbackOnly();
            return explain("currentForUpdate", db.sql("EXPLAIN (ANALYZE, BUFFERS) SELECT t.id, (SELECT v.status FROM "
                            + "target_version v WHERE v.target_id = t.id AND v.number = t.current_version) AS status FROM unnest("
                            + ":types::text[], (:owners::text[])::uuid[], :pls::text[], :regions::text[], :channels::text[], "
                            + ":segments::text[]) AS x(ot, oid, pl, rg, ch, sg) CROSS JOIN LATERAL (SELECT t.id, t.current_version "
                            + "FROM target t WHERE t.fiscal_year = :year AND t.metric = :metric "
                            + "AND t.owner_type = x.ot AND t.owner_id = x.oid AND coalesce(t.product_line, '') = x.pl "
                            + "AND coalesce(t.region, '') = x.rg AND coalesce(t.channel, '') = x.ch "
                            + "AND coalesce(t.customer_segment, '') = x.sg LIMIT 1 FOR UPDATE) t")
                    .bind("types", types).bind("owners", owners).bind("pls", empty).bind("regions", empty)
                    .bind("channels", empty).bind("segments", empty).bind("year", year).bind("metric", "BOOKINGS"))
                    .then(explain("delete amounts", db.sql("EXPLAIN (ANALYZE, BUFFERS) DELETE FROM target_level_months a "
                                    + "WHERE a.target_id = ANY((:ids::text[])::uuid[]) "
                                    + "AND a.version_number = (SELECT t.current_version FROM target t WHERE t.id = a.target_id)")
                            .bind("ids", ids)))
                    .then(explain("insert amounts", db.sql("EXPLAIN (ANALYZE, BUFFERS) INSERT INTO target_level_months "
                                    + "(target_id, version_number, level, months) SELECT x.id, x.n, x.l, x.m::numeric(19,4)[] "
                                    + "FROM unnest((:ids::text[])::uuid[], :numbers::int[], :levels::text[], :months::text[]) AS x(id, n, l, m)")
                            .bind("ids", ids).bind("numbers", ones)
                            .bind("levels", keys.stream().map(k -> "TARGET").toArray(String[]::new)).bind("months", months)))
                    .then(explain("touch targets", db.sql("EXPLAIN (ANALYZE, BUFFERS) UPDATE target SET version = version + 1, "
                                    + "updated_at = now() WHERE id = ANY((:ids::text[])::uuid[])")
                            .bind("ids", ids)))
                    .then(explain("insert targets and versions", db.sql("EXPLAIN (ANALYZE, BUFFERS) WITH inserted AS ("
                                    + "INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, product_line, region, "
                                    + "channel, customer_segment, currency, parent_target_id, current_version, version) "
                                    + "SELECT id, :year, 'BOOKINGS', ot, oid, nullif(pl, ''), nullif(rg, ''), nullif(ch, ''), "
                                    + "nullif(sg, ''), 'CNY', :parent, 1, 1 FROM unnest((:ids::text[])::uuid[], :types::text[], "
                                    + "(:owners::text[])::uuid[], :pls::text[], :regions::text[], :channels::text[], :segments::text[]) "
                                    + "AS x(id, ot, oid, pl, rg, ch, sg) RETURNING id) "
                                    + "INSERT INTO target_version (target_id, number, status, effective_from, created_by) "
                                    + "SELECT id, 1, 'DRAFT', :from, 'bench' FROM inserted")
                            .bind("ids", newIds).bind("types", types).bind("owners", newOwners).bind("pls", empty)
                            .bind("regions", empty).bind("channels", empty).bind("segments", empty).bind("year", year)
                            .bind("parent", parentId).bind("from", LocalDate.of(year, 1, 1))));
        }).blockLast(LONG);
    }

    private Mono<Void> explain(String name, DatabaseClient.GenericExecuteSpec spec) {
        long start = System.nanoTime();
        return spec.map(r -> r.get(0, String.class)).all().collectList().doOnNext(plan -> {
            System.out.printf("-- EXPLAIN (ANALYZE, BUFFERS) %s (round trip %.3f s)%n", name, seconds(start));
            plan.forEach(line -> System.out.println("   " + (line.length() > 240 ? line.substring(0, 240) + " ..." : line)));
        }).then();
    }

    private void printTriggers() {
        db.sql("""
                        SELECT tgrelid::regclass::text AS tbl, tgname, tgisinternal FROM pg_trigger
                        WHERE tgrelid::regclass::text IN ('target', 'target_version', 'target_level_months') ORDER BY 1, 2""")
                .map(r -> r.get("tbl", String.class) + " " + r.get("tgname", String.class)
                        + (Boolean.TRUE.equals(r.get("tgisinternal", Boolean.class)) ? " (internal: FK)" : " (user trigger)"))
                .all().collectList().doOnNext(t -> System.out.println("triggers: " + t)).block(LONG);
    }

    private static <T> T time(String what, Supplier<Mono<T>> work) {
        long start = System.nanoTime();
        T result = work.get().block(LONG);
        System.out.printf("%s: %.3f s%n", what, seconds(start));
        return result;
    }

    /** The work, printing the time from its subscription to its end (inside the caller's transaction). */
    private static <T> Mono<T> timed(String what, Mono<T> work) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return work.doOnSuccess(x -> System.out.printf("%s: %.3f s%n", what, seconds(start)));
        });
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
