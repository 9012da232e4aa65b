package com.quota.targets.definition.persistence;

import com.quota.orgdirectory.scope.SqlPredicate;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.TargetStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Targets, their versions and amounts in PostgreSQL; scope is applied in the queries, never after loading. */
@Repository
public class TargetStore {

    private static final String COLUMNS = "t.id, t.external_ref, t.fiscal_year, t.metric, t.owner_type, t.owner_id, "
            + "t.product_line, t.region, t.channel, t.customer_segment, t.currency, t.parent_target_id, t.current_version, t.version";

    private final DatabaseClient db;

    public TargetStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(TargetRow t) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO target (id, external_ref, fiscal_year, metric, owner_type, owner_id, product_line, region,
                                            channel, customer_segment, currency, parent_target_id, current_version, version)
                        VALUES (:id, :externalRef, :year, :metric, :ownerType, :ownerId, :productLine, :region, :channel,
                                :segment, :currency, :parent, :current, :version)""")
                .bind("id", t.id()).bind("year", t.fiscalYear()).bind("metric", t.metric().name())
                .bind("ownerType", t.ownerType().name()).bind("ownerId", t.ownerId())
                .bind("current", t.currentVersion()).bind("version", t.version());
        spec = nullable(spec, "externalRef", t.externalRef(), String.class);
        spec = nullable(spec, "productLine", t.dimensions().productLine(), String.class);
        spec = nullable(spec, "region", t.dimensions().region(), String.class);
        spec = nullable(spec, "channel", t.dimensions().channel(), String.class);
        spec = nullable(spec, "segment", t.dimensions().customerSegment(), String.class);
        spec = nullable(spec, "currency", t.currency(), String.class);
        spec = nullable(spec, "parent", t.parentTargetId(), UUID.class);
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Void> insertVersion(VersionRow v) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO target_version (target_id, number, status, effective_from, reason, created_by)
                        VALUES (:id, :number, :status, :from, :reason, :by)""")
                .bind("id", v.targetId()).bind("number", v.number()).bind("status", v.status().name())
                .bind("from", v.effectiveFrom()).bind("by", v.createdBy());
        return nullable(spec, "reason", v.reason(), String.class).fetch().rowsUpdated().then();
    }

    /** Replaces the amounts of one version with these levels and months. */
    public Mono<Void> replaceAmounts(UUID targetId, int number, LevelAmounts amounts) {
        List<String> levels = new ArrayList<>();
        List<String> months = new ArrayList<>();
        amounts.levels().forEach((level, monthly) -> {
            levels.add(level.name());
            months.add(monthsLiteral(monthly));
        });
        return db.sql("DELETE FROM target_level_months WHERE target_id = :id AND version_number = :n")
                .bind("id", targetId).bind("n", number).fetch().rowsUpdated()
                .then(db.sql("""
                                INSERT INTO target_level_months (target_id, version_number, level, months)
                                SELECT :id, :n, l, m::numeric(19,4)[] FROM unnest(:levels::text[], :months::text[]) AS x(l, m)""")
                        .bind("id", targetId).bind("n", number)
                        .bind("levels", levels.toArray(String[]::new)).bind("months", months.toArray(String[]::new))
                        .fetch().rowsUpdated())
                .then();
    }

    /** One target a batch looks for: whose it is and its dimensions (the year and metric are the batch's). */
    public record OwnerKey(OwnerType ownerType, UUID ownerId, Dimensions dimensions) {
    }

    /** A target found by a batch with its newest version's number and status. */
    public record Current(TargetRow target, int versionNumber, TargetStatus status) {
    }

    /**
     * The targets of these owners and dimensions in one year and metric, locked for this transaction, with their newest
     * version: one statement for the whole batch (a 10,000-rep allocation must not cost 10,000 round trips).
     */
    public Flux<Current> currentForUpdate(int year, Metric metric, List<OwnerKey> keys) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        // each key is looked up on its own (LATERAL ... LIMIT 1 by the unique identity index, the version by its
        // primary key in a scalar subquery): neither lookup can be flattened into a join, so the plan does not depend
        // on fresh statistics. A join planned on stale statistics (a table just filled by the previous allocation)
        // scanned target_version once per child: 3.5 s for 3,000 children, growing with the square.
        return bindAll(db.sql("SELECT t.*, (SELECT v.status FROM target_version v WHERE v.target_id = t.id AND v.number = t.current_version)"
                + " AS status FROM unnest(:types::text[], (:owners::text[])::uuid[], :pls::text[], :regions::text[],"
                + " :channels::text[], :segments::text[]) AS x(ot, oid, pl, rg, ch, sg)"
                + " CROSS JOIN LATERAL (SELECT " + COLUMNS + """
                         FROM target t WHERE t.fiscal_year = :year AND t.metric = :metric AND t.owner_type = x.ot
                         AND t.owner_id = x.oid AND coalesce(t.product_line, '') = x.pl AND coalesce(t.region, '') = x.rg
                         AND coalesce(t.channel, '') = x.ch AND coalesce(t.customer_segment, '') = x.sg
                        LIMIT 1 FOR UPDATE) t""")
                .bind("types", keys.stream().map(k -> k.ownerType().name()).toArray(String[]::new))
                .bind("owners", keys.stream().map(k -> k.ownerId().toString()).toArray(String[]::new)),
                        dimensionArrays(keys.stream().map(OwnerKey::dimensions).toList()))
                .bind("year", year).bind("metric", metric.name())
                .map(row -> {
                    TargetRow target = target(row);
                    return new Current(target, target.currentVersion(), TargetStatus.valueOf(row.get("status", String.class)));
                })
                .all();
    }

    /** A new DRAFT target to insert below a parent: its id, whose it is and its dimensions. */
    public record NewDraft(UUID id, OwnerKey key) {
    }

    /**
     * Inserts new DRAFT targets below {@code parent}, each with its version 1, in one statement for the whole batch. What
     * they share with the parent (year, metric, currency) and the version's start and author are bound once; only the ids,
     * owners and dimensions are arrays.
     */
    public Mono<Void> insertDrafts(TargetRow parent, LocalDate effectiveFrom, String createdBy, List<NewDraft> drafts) {
        if (drafts.isEmpty()) {
            return Mono.empty();
        }
        DatabaseClient.GenericExecuteSpec spec = bindAll(db.sql("""
                        WITH inserted AS (
                            INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, product_line, region, channel,
                                                customer_segment, currency, parent_target_id, current_version, version)
                            SELECT id, :year, :metric, ot, oid, nullif(pl, ''), nullif(rg, ''), nullif(ch, ''), nullif(sg, ''),
                                   :currency, :parent, 1, 1
                            FROM unnest((:ids::text[])::uuid[], :types::text[], (:owners::text[])::uuid[], :pls::text[],
                                        :regions::text[], :channels::text[], :segments::text[]) AS x(id, ot, oid, pl, rg, ch, sg)
                            RETURNING id)
                        INSERT INTO target_version (target_id, number, status, effective_from, created_by)
                        SELECT id, 1, 'DRAFT', :from, :by FROM inserted""")
                .bind("ids", drafts.stream().map(d -> d.id().toString()).toArray(String[]::new))
                .bind("types", drafts.stream().map(d -> d.key().ownerType().name()).toArray(String[]::new))
                .bind("owners", drafts.stream().map(d -> d.key().ownerId().toString()).toArray(String[]::new)),
                        dimensionArrays(drafts.stream().map(d -> d.key().dimensions()).toList()))
                .bind("year", parent.fiscalYear()).bind("metric", parent.metric().name()).bind("parent", parent.id())
                .bind("from", effectiveFrom).bind("by", createdBy);
        return nullable(spec, "currency", parent.currency(), String.class).fetch().rowsUpdated().then();
    }

    /**
     * Writes the amounts of many target versions: one INSERT for the whole batch, after one DELETE of the old amounts of
     * {@code withOldAmounts} only (a version created by this transaction has none, so a first allocation deletes nothing).
     * Those targets are locked by this transaction and {@code versionOf} names their current version.
     */
    public Mono<Void> replaceAmountsAll(Map<UUID, Integer> versionOf, Map<UUID, LevelAmounts> amounts,
                                        java.util.Collection<UUID> withOldAmounts) {
        if (amounts.isEmpty()) {
            return Mono.empty();
        }
        // one array element per version and level, its 12 months as one array literal: one row each in
        // target_level_months (10,000 rows for a 10,000-rep allocation, not 120,000)
        List<String> ids = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        List<String> months = new ArrayList<>();
        amounts.forEach((id, levelAmounts) -> levelAmounts.levels().forEach((level, monthly) -> {
            ids.add(id.toString());
            numbers.add(versionOf.get(id));
            levels.add(level.name());
            months.add(monthsLiteral(monthly));
        }));
        // each old row is found by the = ANY filter on the primary key's leading column and checked against its target's
        // current version by a primary-key probe: no join whose plan depends on statistics. (A join with the unnested
        // keys planned on stale statistics can scan the table once per key.)
        String[] targetIds = withOldAmounts.stream().map(UUID::toString).toArray(String[]::new);
        Mono<Long> delete = targetIds.length == 0 ? Mono.just(0L) : db.sql("""
                        DELETE FROM target_level_months a WHERE a.target_id = ANY((:ids::text[])::uuid[])
                         AND a.version_number = (SELECT t.current_version FROM target t WHERE t.id = a.target_id)""")
                .bind("ids", targetIds).fetch().rowsUpdated();
        return delete
                .then(db.sql("""
                                INSERT INTO target_level_months (target_id, version_number, level, months)
                                SELECT x.id, x.n, x.l, x.m::numeric(19,4)[]
                                FROM unnest((:ids::text[])::uuid[], :numbers::int[], :levels::text[], :months::text[]) AS x(id, n, l, m)""")
                        .bind("ids", ids.toArray(String[]::new)).bind("numbers", numbers.toArray(Integer[]::new))
                        .bind("levels", levels.toArray(String[]::new)).bind("months", months.toArray(String[]::new))
                        .fetch().rowsUpdated())
                .then();
    }

    /** The 12 months as a PostgreSQL array literal, e.g. {@code {100.00,0.00,...}}. */
    private static String monthsLiteral(MonthlyAmounts monthly) {
        StringBuilder literal = new StringBuilder(16 * MonthlyAmounts.MONTHS).append('{');
        for (int m = 1; m <= MonthlyAmounts.MONTHS; m++) {
            literal.append(m == 1 ? "" : ",").append(monthly.month(m).toPlainString());
        }
        return literal.append('}').toString();
    }

    /** Bumps the optimistic lock of targets this transaction holds locked (see {@link #currentForUpdate}). */
    public Mono<Void> touchAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE target SET version = version + 1, updated_at = now() WHERE id = ANY((:ids::text[])::uuid[])")
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).fetch().rowsUpdated().then();
    }

    /** A target's newest version and its amounts, found by a batch read. */
    public record CurrentAmounts(TargetRow target, int versionNumber, TargetStatus status, LevelAmounts amounts) {
    }

    /**
     * The targets of these owners in one year, metric and dimensions with their newest version's amounts: one statement
     * for a whole tree (a 10,000-rep tree must not cost a query per node).
     */
    public Flux<CurrentAmounts> currentAmounts(int year, Metric metric, Dimensions d, List<UUID> owners) {
        if (owners.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT " + COLUMNS + """
                        , v.status, a.level, a.months
                        FROM target t
                        JOIN target_version v ON v.target_id = t.id AND v.number = t.current_version
                        JOIN target_level_months a ON a.target_id = t.id AND a.version_number = v.number
                        WHERE t.owner_id = ANY((:owners::text[])::uuid[]) AND t.fiscal_year = :year AND t.metric = :metric
                         AND coalesce(t.product_line, '') = :pl AND coalesce(t.region, '') = :region
                         AND coalesce(t.channel, '') = :channel AND coalesce(t.customer_segment, '') = :segment
                        ORDER BY t.id, a.level""")
                .bind("owners", owners.stream().map(UUID::toString).toArray(String[]::new))
                .bind("year", year).bind("metric", metric.name())
                .bind("pl", orEmpty(d.productLine())).bind("region", orEmpty(d.region())).bind("channel", orEmpty(d.channel()))
                .bind("segment", orEmpty(d.customerSegment()))
                .map(row -> {
                    TargetRow target = target(row);
                    BigDecimal[] months = row.get("months", BigDecimal[].class);
                    return Map.entry(new Current(target, target.currentVersion(), TargetStatus.valueOf(row.get("status", String.class))),
                            Map.entry(TargetLevel.valueOf(row.get("level", String.class)), months(months, target.scale())));
                })
                .all()
                .bufferUntilChanged(e -> e.getKey().target().id())
                .map(rows -> {
                    Current current = rows.get(0).getKey();
                    Map<TargetLevel, MonthlyAmounts> levels = new EnumMap<>(TargetLevel.class);
                    rows.forEach(r -> levels.put(r.getValue().getKey(), r.getValue().getValue()));
                    return new CurrentAmounts(current.target(), current.versionNumber(), current.status(), new LevelAmounts(levels));
                });
    }

    public Mono<TargetRow> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM target t WHERE t.id = :id").bind("id", id).map(TargetStore::target).one();
    }

    /** The target locked for this transaction: transitions and edits of one target never interleave. */
    public Mono<TargetRow> findForUpdate(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM target t WHERE t.id = :id FOR UPDATE").bind("id", id)
                .map(TargetStore::target).one();
    }

    /** The targets allocated from a parent target. */
    public Flux<TargetRow> children(UUID parentTargetId) {
        return db.sql("SELECT " + COLUMNS + " FROM target t WHERE t.parent_target_id = :id ORDER BY t.id")
                .bind("id", parentTargetId).map(TargetStore::target).all();
    }

    /** Sets the newest version number and bumps the lock; 0 rows when the expected lock is stale. */
    public Mono<Long> touch(UUID id, long expectedVersion, int currentVersion) {
        return db.sql("""
                        UPDATE target SET version = version + 1, current_version = :current, updated_at = now()
                        WHERE id = :id AND version = :expected""")
                .bind("id", id).bind("expected", expectedVersion).bind("current", currentVersion).fetch().rowsUpdated();
    }

    public Mono<Void> setStatus(UUID id, int number, TargetStatus status, String publishedBy) {
        if (status == TargetStatus.PUBLISHED) {
            return db.sql("""
                            UPDATE target_version SET status = :status, published_by = :by, published_at = now()
                            WHERE target_id = :id AND number = :n""")
                    .bind("status", status.name()).bind("by", publishedBy).bind("id", id).bind("n", number)
                    .fetch().rowsUpdated().then();
        }
        return db.sql("UPDATE target_version SET status = :status WHERE target_id = :id AND number = :n")
                .bind("status", status.name()).bind("id", id).bind("n", number).fetch().rowsUpdated().then();
    }

    public Flux<VersionRow> versions(UUID id) {
        return db.sql("SELECT * FROM target_version WHERE target_id = :id ORDER BY number").bind("id", id)
                .map(row -> new VersionRow(row.get("target_id", UUID.class), row.get("number", Integer.class),
                        TargetStatus.valueOf(row.get("status", String.class)), row.get("effective_from", LocalDate.class),
                        row.get("reason", String.class), row.get("created_by", String.class), instant(row, "created_at"),
                        row.get("published_by", String.class), instant(row, "published_at")))
                .all();
    }

    public Mono<LevelAmounts> amounts(UUID id, int number, int scale) {
        return db.sql("SELECT level, months FROM target_level_months WHERE target_id = :id AND version_number = :n ORDER BY level")
                .bind("id", id).bind("n", number)
                .map(row -> Map.entry(TargetLevel.valueOf(row.get("level", String.class)),
                        months(row.get("months", BigDecimal[].class), scale)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                .map(LevelAmounts::new);
    }

    private static MonthlyAmounts months(BigDecimal[] months, int scale) {
        return new MonthlyAmounts(Arrays.stream(months).map(m -> m.setScale(scale, RoundingMode.UNNECESSARY)).toList());
    }

    /** The filters of a target list query. */
    public record ListFilter(Integer fiscalYear, Metric metric, OwnerType ownerType, UUID ownerId, String externalRef,
                             String productLine, String region, String channel, String customerSegment) {
    }

    public Flux<TargetRow> list(ListFilter filter, SqlPredicate scope, String orderBy, int size, long offset) {
        Where where = where(filter, scope);
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM target t WHERE " + where.sql
                + " ORDER BY " + orderBy + ", t.id LIMIT " + size + " OFFSET " + offset);
        return bindAll(spec, where.binds).map(TargetStore::target).all();
    }

    public Mono<Long> count(ListFilter filter, SqlPredicate scope) {
        Where where = where(filter, scope);
        return bindAll(db.sql("SELECT count(*) AS n FROM target t WHERE " + where.sql), where.binds)
                .map(row -> row.get("n", Long.class)).one();
    }

    private record Where(String sql, Map<String, Object> binds) {
    }

    private static Where where(ListFilter f, SqlPredicate scope) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>(scope.binds());
        clauses.add("(" + scope.sql() + ")");
        add(clauses, binds, "t.fiscal_year = :year", "year", f.fiscalYear());
        add(clauses, binds, "t.metric = :metric", "metric", f.metric() == null ? null : f.metric().name());
        add(clauses, binds, "t.owner_type = :ownerType", "ownerType", f.ownerType() == null ? null : f.ownerType().name());
        add(clauses, binds, "t.owner_id = :ownerId", "ownerId", f.ownerId());
        add(clauses, binds, "t.external_ref = :externalRef", "externalRef", f.externalRef());
        add(clauses, binds, "t.product_line = :productLine", "productLine", f.productLine());
        add(clauses, binds, "t.region = :region", "region", f.region());
        add(clauses, binds, "t.channel = :channel", "channel", f.channel());
        add(clauses, binds, "t.customer_segment = :segment", "segment", f.customerSegment());
        return new Where(String.join(" AND ", clauses), binds);
    }

    private static void add(List<String> clauses, Map<String, Object> binds, String sql, String name, Object value) {
        if (value != null) {
            clauses.add(sql);
            binds.put(name, value);
        }
    }

    /** The arrays :pls, :regions, :channels and :segments: each item's dimensions, "" for none. */
    private static Map<String, Object> dimensionArrays(List<Dimensions> dimensions) {
        Map<String, Object> arrays = new LinkedHashMap<>();
        arrays.put("pls", dimensions.stream().map(d -> orEmpty(d.productLine())).toArray(String[]::new));
        arrays.put("regions", dimensions.stream().map(d -> orEmpty(d.region())).toArray(String[]::new));
        arrays.put("channels", dimensions.stream().map(d -> orEmpty(d.channel())).toArray(String[]::new));
        arrays.put("segments", dimensions.stream().map(d -> orEmpty(d.customerSegment())).toArray(String[]::new));
        return arrays;
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }

    private static TargetRow target(Readable row) {
        return new TargetRow(row.get("id", UUID.class), row.get("external_ref", String.class),
                row.get("fiscal_year", Integer.class), Metric.valueOf(row.get("metric", String.class)),
                OwnerType.valueOf(row.get("owner_type", String.class)), row.get("owner_id", UUID.class),
                new Dimensions(row.get("product_line", String.class), row.get("region", String.class),
                        row.get("channel", String.class), row.get("customer_segment", String.class)),
                row.get("currency", String.class), row.get("parent_target_id", UUID.class),
                row.get("current_version", Integer.class), row.get("version", Long.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value,
                                                              Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /**
     * Of these owners, the active ones in the org tables: one statement for a whole import (the rule of
     * {@code OrgDirectory.rep(id)} / {@code unit(id)} {@code .active()}, which a 10,000-row file must not ask one by one).
     */
    public Flux<UUID> activeOwners(OwnerType type, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        String table = type == OwnerType.REP ? "org_rep" : "org_unit";
        return db.sql("SELECT id FROM " + table + " WHERE id = ANY((:ids::text[])::uuid[]) AND active")
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("id", UUID.class)).all();
    }

    /**
     * Which of these new targets collide with a stored one (the same year, metric, owner and dimensions, or the same
     * externalRef): their positions in the list, one statement for the whole list.
     */
    public Flux<Integer> storedDuplicates(List<TargetRow> targets) {
        if (targets.isEmpty()) {
            return Flux.empty();
        }
        // each key is looked up on its own by a scalar subquery (LIMIT 1, by the identity index or the external_ref
        // index): a subquery is never flattened into a join, so the plan does not depend on fresh statistics
        return bindAll(db.sql("""
                        SELECT x.i FROM unnest(:idx::int[], :years::int[], :metrics::text[], :types::text[],
                                               (:owners::text[])::uuid[], :pls::text[], :regions::text[], :channels::text[],
                                               :segments::text[], :refs::text[]) AS x(i, y, m, ot, oid, pl, rg, ch, sg, ref)
                        WHERE (SELECT true FROM target t WHERE t.fiscal_year = x.y AND t.metric = x.m AND t.owner_type = x.ot
                                AND t.owner_id = x.oid AND coalesce(t.product_line, '') = x.pl AND coalesce(t.region, '') = x.rg
                                AND coalesce(t.channel, '') = x.ch AND coalesce(t.customer_segment, '') = x.sg LIMIT 1)
                           OR (x.ref <> '' AND (SELECT true FROM target t WHERE t.external_ref = x.ref LIMIT 1))
                        ORDER BY x.i""")
                .bind("idx", java.util.stream.IntStream.range(0, targets.size()).boxed().toArray(Integer[]::new))
                .bind("years", targets.stream().map(TargetRow::fiscalYear).toArray(Integer[]::new))
                .bind("metrics", targets.stream().map(t -> t.metric().name()).toArray(String[]::new))
                .bind("types", targets.stream().map(t -> t.ownerType().name()).toArray(String[]::new))
                .bind("owners", targets.stream().map(t -> t.ownerId().toString()).toArray(String[]::new)),
                        dimensionArrays(targets.stream().map(TargetRow::dimensions).toList()))
                .bind("refs", targets.stream().map(t -> orEmpty(t.externalRef())).toArray(String[]::new))
                .map(row -> row.get("i", Integer.class))
                .all();
    }

    /** A new target with the start of its version 1. */
    public record NewTarget(TargetRow target, LocalDate effectiveFrom) {
    }

    /**
     * Inserts new targets, each with its version 1 as a DRAFT by {@code createdBy}: two statements for the whole list
     * (a bulk import). An empty string in an array stands for none (null).
     */
    public Mono<Void> insertNew(List<NewTarget> news, String createdBy) {
        if (news.isEmpty()) {
            return Mono.empty();
        }
        List<TargetRow> rows = news.stream().map(NewTarget::target).toList();
        String[] ids = rows.stream().map(t -> t.id().toString()).toArray(String[]::new);
        return bindAll(db.sql("""
                        INSERT INTO target (id, external_ref, fiscal_year, metric, owner_type, owner_id, product_line, region,
                                            channel, customer_segment, currency, parent_target_id, current_version, version)
                        SELECT id, nullif(ref, ''), y, m, ot, oid, nullif(pl, ''), nullif(rg, ''), nullif(ch, ''), nullif(sg, ''),
                               nullif(cur, ''), nullif(parent, '')::uuid, cv, v
                        FROM unnest((:ids::text[])::uuid[], :refs::text[], :years::int[], :metrics::text[], :types::text[],
                                    (:owners::text[])::uuid[], :pls::text[], :regions::text[], :channels::text[],
                                    :segments::text[], :currencies::text[], :parents::text[], :currents::int[],
                                    (:versions::text[])::bigint[])
                             AS x(id, ref, y, m, ot, oid, pl, rg, ch, sg, cur, parent, cv, v)""")
                .bind("ids", ids)
                .bind("refs", rows.stream().map(t -> orEmpty(t.externalRef())).toArray(String[]::new))
                .bind("years", rows.stream().map(TargetRow::fiscalYear).toArray(Integer[]::new))
                .bind("metrics", rows.stream().map(t -> t.metric().name()).toArray(String[]::new))
                .bind("types", rows.stream().map(t -> t.ownerType().name()).toArray(String[]::new))
                .bind("owners", rows.stream().map(t -> t.ownerId().toString()).toArray(String[]::new)),
                        dimensionArrays(rows.stream().map(TargetRow::dimensions).toList()))
                .bind("currencies", rows.stream().map(t -> orEmpty(t.currency())).toArray(String[]::new))
                .bind("parents", rows.stream().map(t -> t.parentTargetId() == null ? "" : t.parentTargetId().toString())
                        .toArray(String[]::new))
                .bind("currents", rows.stream().map(TargetRow::currentVersion).toArray(Integer[]::new))
                .bind("versions", rows.stream().map(t -> String.valueOf(t.version())).toArray(String[]::new))
                .fetch().rowsUpdated()
                .then(db.sql("""
                                INSERT INTO target_version (target_id, number, status, effective_from, created_by)
                                SELECT id, 1, 'DRAFT', f, :by FROM unnest((:ids::text[])::uuid[], (:froms::text[])::date[]) AS x(id, f)""")
                        .bind("ids", ids)
                        .bind("froms", news.stream().map(n -> n.effectiveFrom().toString()).toArray(String[]::new))
                        .bind("by", createdBy)
                        .fetch().rowsUpdated())
                .then();
    }

    /** One exported row: a target's newest version and one level's months. */
    public record ExportRow(TargetRow target, int versionNumber, String status, String level, List<BigDecimal> months) {
    }

    /** Streams targets with their newest version's amounts, one row per level, straight from the cursor. */
    public Flux<ExportRow> export(ListFilter filter, SqlPredicate scope) {
        Where where = where(filter, scope);
        return bindAll(db.sql("SELECT " + COLUMNS + """
                        , v.number AS version_number, v.status, a.level, a.months
                        FROM target t
                        JOIN target_version v ON v.target_id = t.id AND v.number = t.current_version
                        JOIN target_level_months a ON a.target_id = t.id AND a.version_number = v.number
                        WHERE""" + " " + where.sql
                + " ORDER BY t.fiscal_year, t.id, a.level"), where.binds)
                .map(row -> {
                    TargetRow target = target(row);
                    BigDecimal[] months = row.get("months", BigDecimal[].class);
                    return new ExportRow(target, row.get("version_number", Integer.class), row.get("status", String.class),
                            row.get("level", String.class), Arrays.stream(months)
                            .map(m -> m.setScale(target.scale(), RoundingMode.UNNECESSARY)).toList());
                })
                .all();
    }
}
