package com.quota.targets.attainment.persistence;

import com.quota.targets.attainment.CounterDelta;
import com.quota.targets.attainment.CreditLine;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.NetCredit;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerType;
import com.quota.targets.attainment.PlacedLine;
import com.quota.targets.attainment.SourceEventType;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** The attainment tables over R2DBC: lines and their roll-up written once, counters upserted in key order. */
@Repository
public class AttainmentLedgerStore {

    private static final String INSERT_LINE = """
            INSERT INTO attainment_line (source_event_id, source_event_type, rep_id, metric, credit_date, amount, currency,
                product_line, region, channel, customer_segment, opportunity_id, contract_id, payment_id, account_id)
            VALUES (:sourceEventId, :sourceEventType, :repId, :metric, :creditDate, :amount, :currency,
                :productLine, :region, :channel, :customerSegment, :opportunityId, :contractId, :paymentId, :accountId)
            ON CONFLICT (source_event_id, rep_id, metric) DO NOTHING
            """;

    private static final String INSERT_LINE_UNITS = """
            INSERT INTO attainment_line_unit (source_event_id, rep_id, metric, unit_id, depth, credit_date)
            SELECT :sourceEventId, :repId, :metric, u.unit_id, u.depth, :creditDate
            FROM unnest(CAST(:unitIds AS uuid[])) WITH ORDINALITY AS u(unit_id, depth)
            ON CONFLICT DO NOTHING
            """;

    private static final String INSERT_LINES = """
            INSERT INTO attainment_line (source_event_id, source_event_type, rep_id, metric, credit_date, amount, currency,
                product_line, region, channel, customer_segment, opportunity_id, contract_id, payment_id, account_id)
            SELECT CAST(l.source_event_id AS uuid), l.source_event_type, CAST(l.rep_id AS uuid), l.metric,
                CAST(l.credit_date AS date), CAST(l.amount AS numeric), NULLIF(l.currency, ''), NULLIF(l.product_line, ''),
                NULLIF(l.region, ''), NULLIF(l.channel, ''), NULLIF(l.customer_segment, ''),
                CAST(NULLIF(l.opportunity_id, '') AS uuid), CAST(NULLIF(l.contract_id, '') AS uuid),
                CAST(NULLIF(l.payment_id, '') AS uuid), CAST(NULLIF(l.account_id, '') AS uuid)
            FROM unnest(CAST(:sourceEventIds AS text[]), CAST(:sourceEventTypes AS text[]), CAST(:repIds AS text[]),
                CAST(:metrics AS text[]), CAST(:creditDates AS text[]), CAST(:amounts AS text[]), CAST(:currencies AS text[]),
                CAST(:productLines AS text[]), CAST(:regions AS text[]), CAST(:channels AS text[]),
                CAST(:customerSegments AS text[]), CAST(:opportunityIds AS text[]), CAST(:contractIds AS text[]),
                CAST(:paymentIds AS text[]), CAST(:accountIds AS text[]))
                AS l(source_event_id, source_event_type, rep_id, metric, credit_date, amount, currency, product_line, region,
                     channel, customer_segment, opportunity_id, contract_id, payment_id, account_id)
            ON CONFLICT (source_event_id, rep_id, metric) DO NOTHING
            RETURNING source_event_id, rep_id, metric
            """;

    private static final String INSERT_ALL_LINE_UNITS = """
            INSERT INTO attainment_line_unit (source_event_id, rep_id, metric, unit_id, depth, credit_date)
            SELECT u.source_event_id, u.rep_id, u.metric, u.unit_id, u.depth, u.credit_date
            FROM unnest(CAST(:sourceEventIds AS uuid[]), CAST(:repIds AS uuid[]), CAST(:metrics AS text[]),
                CAST(:unitIds AS uuid[]), CAST(:depths AS int[]), CAST(:creditDates AS date[]))
                AS u(source_event_id, rep_id, metric, unit_id, depth, credit_date)
            ON CONFLICT DO NOTHING
            """;

    // rows are inserted in the order of the (already sorted) arrays, so every transaction locks counters in one order
    private static final String UPSERT_COUNTERS = """
            INSERT INTO attainment_counter (owner_type, owner_id, metric, month, dimension, amount, currency, updated_at)
            SELECT d.owner_type, d.owner_id, d.metric, d.month, d.dimension, d.amount, NULLIF(d.currency, ''), now()
            FROM unnest(CAST(:ownerTypes AS text[]), CAST(:ownerIds AS uuid[]), CAST(:metrics AS text[]),
                        CAST(:months AS date[]), CAST(:dimensions AS text[]), CAST(:amounts AS numeric[]),
                        CAST(:currencies AS text[])) WITH ORDINALITY
                 AS d(owner_type, owner_id, metric, month, dimension, amount, currency, ord)
            ORDER BY d.ord
            ON CONFLICT (owner_type, owner_id, metric, month, dimension)
            DO UPDATE SET amount = attainment_counter.amount + EXCLUDED.amount, updated_at = now()
            """;

    private static final String NET_BY = """
            SELECT rep_id, metric, product_line, region, channel, customer_segment, currency, sum(amount) AS amount
            FROM attainment_line
            WHERE %s
            GROUP BY rep_id, metric, product_line, region, channel, customer_segment, currency
            HAVING sum(amount) <> 0
            ORDER BY min(recorded_at), rep_id, metric
            """;

    private final DatabaseClient db;

    public AttainmentLedgerStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Writes a line and its roll-up; emits false (and writes nothing) when the line exists already, so a line is
     * never counted twice.
     */
    public Mono<Boolean> insert(PlacedLine placed) {
        CreditLine line = placed.line();
        Dimensions d = line.dimensions();
        DatabaseClient.GenericExecuteSpec spec = db.sql(INSERT_LINE)
                .bind("sourceEventId", line.sourceEventId())
                .bind("sourceEventType", line.sourceEventType().wireName())
                .bind("repId", line.repId())
                .bind("metric", line.metric().name())
                .bind("creditDate", line.creditDate())
                .bind("amount", line.amount());
        spec = bindNullable(spec, "currency", line.currency() == null ? null : line.currency().getCurrencyCode(), String.class);
        spec = bindNullable(spec, "productLine", d.productLine(), String.class);
        spec = bindNullable(spec, "region", d.region(), String.class);
        spec = bindNullable(spec, "channel", d.channel(), String.class);
        spec = bindNullable(spec, "customerSegment", d.customerSegment(), String.class);
        spec = bindNullable(spec, "opportunityId", line.opportunityId(), UUID.class);
        spec = bindNullable(spec, "contractId", line.contractId(), UUID.class);
        spec = bindNullable(spec, "paymentId", line.paymentId(), UUID.class);
        spec = bindNullable(spec, "accountId", line.accountId(), UUID.class);
        return spec.fetch().rowsUpdated().flatMap(inserted -> {
            if (inserted == 0) {
                return Mono.just(false);
            }
            if (placed.units().isEmpty()) {
                return Mono.just(true);
            }
            return db.sql(INSERT_LINE_UNITS)
                    .bind("sourceEventId", line.sourceEventId())
                    .bind("repId", line.repId())
                    .bind("metric", line.metric().name())
                    .bind("unitIds", placed.units().toArray(UUID[]::new))
                    .bind("creditDate", line.creditDate())
                    .fetch().rowsUpdated().thenReturn(true);
        });
    }

    /**
     * Writes lines and their roll-up in two statements; emits the lines actually written (a line that exists already
     * is skipped and not emitted, so a line is never counted twice).
     */
    public Mono<List<PlacedLine>> insertAll(List<PlacedLine> placed) {
        if (placed.isEmpty()) {
            return Mono.just(List.of());
        }
        int n = placed.size();
        String[][] columns = new String[15][n];
        for (int i = 0; i < n; i++) {
            CreditLine line = placed.get(i).line();
            Dimensions d = line.dimensions();
            columns[0][i] = line.sourceEventId().toString();
            columns[1][i] = line.sourceEventType().wireName();
            columns[2][i] = line.repId().toString();
            columns[3][i] = line.metric().name();
            columns[4][i] = line.creditDate().toString();
            columns[5][i] = line.amount().toPlainString();
            columns[6][i] = line.currency() == null ? "" : line.currency().getCurrencyCode();
            columns[7][i] = orEmpty(d.productLine());
            columns[8][i] = orEmpty(d.region());
            columns[9][i] = orEmpty(d.channel());
            columns[10][i] = orEmpty(d.customerSegment());
            columns[11][i] = orEmpty(line.opportunityId());
            columns[12][i] = orEmpty(line.contractId());
            columns[13][i] = orEmpty(line.paymentId());
            columns[14][i] = orEmpty(line.accountId());
        }
        String[] names = {"sourceEventIds", "sourceEventTypes", "repIds", "metrics", "creditDates", "amounts", "currencies",
                "productLines", "regions", "channels", "customerSegments", "opportunityIds", "contractIds", "paymentIds",
                "accountIds"};
        DatabaseClient.GenericExecuteSpec spec = db.sql(INSERT_LINES);
        for (int c = 0; c < names.length; c++) {
            spec = spec.bind(names[c], columns[c]);
        }
        return spec.map((row, meta) -> new LineKey(row.get("source_event_id", UUID.class), row.get("rep_id", UUID.class),
                        row.get("metric", String.class)))
                .all().collect(java.util.stream.Collectors.toSet())
                .flatMap(inserted -> {
                    List<PlacedLine> written = placed.stream().filter(p -> inserted.contains(LineKey.of(p.line()))).toList();
                    return insertUnits(written).thenReturn(written);
                });
    }

    private Mono<Void> insertUnits(List<PlacedLine> lines) {
        List<UUID> eventIds = new java.util.ArrayList<>();
        List<UUID> reps = new java.util.ArrayList<>();
        List<String> metrics = new java.util.ArrayList<>();
        List<UUID> units = new java.util.ArrayList<>();
        List<Integer> depths = new java.util.ArrayList<>();
        List<String> creditDates = new java.util.ArrayList<>();
        for (PlacedLine placed : lines) {
            for (int depth = 0; depth < placed.units().size(); depth++) {
                creditDates.add(placed.line().creditDate().toString());
                eventIds.add(placed.line().sourceEventId());
                reps.add(placed.line().repId());
                metrics.add(placed.line().metric().name());
                units.add(placed.units().get(depth));
                depths.add(depth + 1);
            }
        }
        if (units.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(INSERT_ALL_LINE_UNITS)
                .bind("sourceEventIds", eventIds.toArray(UUID[]::new)).bind("repIds", reps.toArray(UUID[]::new))
                .bind("metrics", metrics.toArray(String[]::new)).bind("unitIds", units.toArray(UUID[]::new))
                .bind("depths", depths.toArray(Integer[]::new))
                .bind("creditDates", creditDates.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A line's key. */
    private record LineKey(UUID sourceEventId, UUID repId, String metric) {
        static LineKey of(CreditLine line) {
            return new LineKey(line.sourceEventId(), line.repId(), line.metric().name());
        }
    }

    /**
     * Takes a transaction-scoped shared lock per rep before their lines are placed: a re-derivation of one of them
     * ({@link #lockRepExclusive}) waits for this transaction, or this one for it, so a line is never placed by a
     * membership that a concurrent re-derivation has already replaced without seeing the line.
     */
    public Mono<Void> lockRepsShared(java.util.Collection<UUID> repIds) {
        if (repIds.isEmpty()) {
            return Mono.empty();
        }
        UUID[] sorted = repIds.stream().distinct().sorted().toArray(UUID[]::new);
        return db.sql("SELECT count(*) AS locked FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended("
                        + "'attainment-rep:' || CAST(r AS text), 0)) FROM unnest(CAST(:reps AS uuid[])) AS t(r)) l")
                .bind("reps", sorted).fetch().all().then();
    }

    /** The exclusive side of {@link #lockRepsShared}, taken by a re-derivation of the rep. */
    public Mono<Void> lockRepExclusive(UUID repId) {
        return db.sql("SELECT count(*) AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended("
                        + "'attainment-rep:' || CAST(:rep AS text), 0))) l")
                .bind("rep", repId.toString()).fetch().all().then();
    }

    /** The net BOOKINGS and NEW_CUSTOMERS still credited from an opportunity's wins, per rep and dimensions. */
    public Mono<List<NetCredit>> netCreditedForOpportunity(UUID opportunityId) {
        return db.sql(NET_BY.formatted("opportunity_id = :id AND contract_id IS NULL AND metric IN ('BOOKINGS', 'NEW_CUSTOMERS')"))
                .bind("id", opportunityId)
                .map(AttainmentLedgerStore::netCredit)
                .all().collectList();
    }

    /** The net CONTRACT_VALUE still credited from a contract, per rep and dimensions. */
    public Mono<List<NetCredit>> netCreditedForContract(UUID contractId) {
        return db.sql(NET_BY.formatted("contract_id = :id AND metric = 'CONTRACT_VALUE'"))
                .bind("id", contractId)
                .map(AttainmentLedgerStore::netCredit)
                .all().collectList();
    }

    /** Adds the deltas to their counters, creating missing ones, locking rows in the order given (sorted by key). */
    public Mono<Void> applyCounterDeltas(List<CounterDelta> deltas) {
        if (deltas.isEmpty()) {
            return Mono.empty();
        }
        int n = deltas.size();
        String[] ownerTypes = new String[n];
        UUID[] ownerIds = new UUID[n];
        String[] metrics = new String[n];
        String[] months = new String[n];
        String[] dimensions = new String[n];
        String[] amounts = new String[n];
        String[] currencies = new String[n];
        for (int i = 0; i < n; i++) {
            CounterDelta delta = deltas.get(i);
            ownerTypes[i] = delta.key().owner().type().name();
            ownerIds[i] = delta.key().owner().id();
            metrics[i] = delta.key().metric().name();
            months[i] = delta.key().month().atDay(1).toString();
            dimensions[i] = delta.key().dimension();
            amounts[i] = delta.amount().toPlainString();
            currencies[i] = delta.currency() == null ? "" : delta.currency().getCurrencyCode();
        }
        return db.sql(UPSERT_COUNTERS)
                .bind("ownerTypes", ownerTypes)
                .bind("ownerIds", ownerIds)
                .bind("metrics", metrics)
                .bind("months", months)
                .bind("dimensions", dimensions)
                .bind("amounts", amounts)
                .bind("currencies", currencies)
                .fetch().rowsUpdated().then();
    }

    /** One stored counter value. */
    public record CounterValue(Owner owner, Metric metric, YearMonth month, String dimension, BigDecimal amount,
                               Currency currency) {
    }

    /** The counters of these owners for a metric and dimension, months from {@code first} to {@code last}. */
    public Flux<CounterValue> counters(Collection<Owner> owners, Metric metric, String dimension, YearMonth first,
                                       YearMonth last) {
        if (owners.isEmpty()) {
            return Flux.empty();
        }
        // per owner one range of the primary key (a lateral join, so no plan of the prepared statement can turn it
        // into a scan of every counter: a poll reads the counters of hundreds of owners)
        return db.sql("""
                        SELECT c.owner_type, c.owner_id, c.metric, c.month, c.dimension, c.amount, c.currency
                        FROM unnest(CAST(:types AS text[]), CAST(:ids AS uuid[])) AS o(owner_type, owner_id)
                        CROSS JOIN LATERAL (
                            SELECT * FROM attainment_counter k
                            WHERE k.owner_type = o.owner_type AND k.owner_id = o.owner_id AND k.metric = :metric
                              AND k.month BETWEEN :first AND :last AND k.dimension = :dimension) AS c
                        """)
                .bind("types", owners.stream().map(o -> o.type().name()).toArray(String[]::new))
                .bind("ids", owners.stream().map(Owner::id).toArray(UUID[]::new))
                .bind("metric", metric.name())
                .bind("dimension", dimension)
                .bind("first", first.atDay(1))
                .bind("last", last.atDay(1))
                .map(AttainmentLedgerStore::counterValue)
                .all();
    }

    /** Σ of an owner's lines per credit date from {@code first} to {@code last} (a unit: the lines rolled up to it). */
    public Flux<DaySum> dailySums(Owner owner, Metric metric, String dimension, LocalDate first, LocalDate last) {
        DimensionFilter filter = DimensionFilter.of(dimension);
        String sql = (owner.type() == OwnerType.REP
                ? "SELECT l.credit_date, sum(l.amount) AS amount FROM attainment_line l WHERE l.rep_id = :owner"
                : "SELECT l.credit_date, sum(l.amount) AS amount FROM attainment_line_unit u JOIN attainment_line l"
                + " ON l.source_event_id = u.source_event_id AND l.rep_id = u.rep_id AND l.metric = u.metric"
                + " WHERE u.unit_id = :owner AND u.metric = :metric AND u.credit_date BETWEEN :first AND :last")
                + " AND l.metric = :metric AND l.credit_date BETWEEN :first AND :last" + filter.sql()
                + " GROUP BY l.credit_date";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                .bind("owner", owner.id())
                .bind("metric", metric.name())
                .bind("first", first)
                .bind("last", last);
        if (filter.value() != null) {
            spec = spec.bind("dimensionValue", filter.value());
        }
        return spec.map((row, meta) -> new DaySum(row.get("credit_date", LocalDate.class), row.get("amount", BigDecimal.class)))
                .all();
    }

    /**
     * The totals (dimension {@code *}) of these owner × metric pairs, months from {@code first} to {@code last}, in one
     * statement.
     */
    public Flux<CounterValue> totalCounters(List<Owner> owners, List<Metric> metrics, YearMonth first, YearMonth last) {
        if (owners.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT c.owner_type, c.owner_id, c.metric, c.month, c.dimension, c.amount, c.currency
                        FROM unnest(CAST(:types AS text[]), CAST(:ids AS uuid[]), CAST(:metrics AS text[]))
                             AS o(owner_type, owner_id, metric)
                        JOIN attainment_counter c ON c.owner_type = o.owner_type AND c.owner_id = o.owner_id
                             AND c.metric = o.metric AND c.dimension = '*' AND c.month BETWEEN :first AND :last
                        """)
                .bind("types", owners.stream().map(o -> o.type().name()).toArray(String[]::new))
                .bind("ids", owners.stream().map(Owner::id).toArray(UUID[]::new))
                .bind("metrics", metrics.stream().map(Metric::name).toArray(String[]::new))
                .bind("first", first.atDay(1))
                .bind("last", last.atDay(1))
                .map(AttainmentLedgerStore::counterValue)
                .all();
    }

    /** The Σ of an owner's lines (all dimensions) for a metric on one credit date. */
    public record OwnerDaySum(Owner owner, Metric metric, LocalDate date, BigDecimal amount) {
    }

    /**
     * Σ of the lines per rep, and per unit they rolled up to, × metric × credit date, for credit dates in either range,
     * in one statement (read by credit date, not owner by owner).
     */
    public Flux<OwnerDaySum> everyOwnersDailySums(LocalDate first, LocalDate last, LocalDate otherFirst,
                                                 LocalDate otherLast) {
        return db.sql("""
                        WITH l AS (
                            SELECT source_event_id, rep_id, metric, credit_date, amount FROM attainment_line
                            WHERE credit_date BETWEEN :first AND :last OR credit_date BETWEEN :otherFirst AND :otherLast
                        )
                        SELECT 'REP' AS owner_type, l.rep_id AS owner_id, l.metric, l.credit_date, sum(l.amount) AS amount
                        FROM l GROUP BY l.rep_id, l.metric, l.credit_date
                        UNION ALL
                        SELECT 'UNIT', u.unit_id, l.metric, l.credit_date, sum(l.amount)
                        FROM l JOIN attainment_line_unit u ON u.source_event_id = l.source_event_id AND u.rep_id = l.rep_id
                             AND u.metric = l.metric
                        GROUP BY u.unit_id, l.metric, l.credit_date
                        """)
                .bind("first", first).bind("last", last)
                .bind("otherFirst", otherFirst).bind("otherLast", otherLast)
                .map((row, meta) -> new OwnerDaySum(new Owner(OwnerType.valueOf(row.get("owner_type", String.class)),
                        row.get("owner_id", UUID.class)), Metric.valueOf(row.get("metric", String.class)),
                        row.get("credit_date", LocalDate.class), row.get("amount", BigDecimal.class)))
                .all();
    }

    /** The Σ of an owner's lines on one credit date. */
    public record DaySum(LocalDate date, BigDecimal amount) {
    }

    /** A line as stored, for drill-down. */
    public record StoredLine(UUID sourceEventId, String sourceEventType, UUID repId, Metric metric, LocalDate creditDate,
                             BigDecimal amount, String currency, Dimensions dimensions, UUID opportunityId,
                             UUID contractId, UUID paymentId, UUID accountId) {
    }

    /** The lines behind an owner's figure: dated from {@code first} to {@code last}, newest first, at most {@code limit}. */
    public Flux<StoredLine> lines(Owner owner, Metric metric, String dimension, LocalDate first, LocalDate last, int limit,
                                  int offset) {
        DimensionFilter filter = DimensionFilter.of(dimension);
        String sql = "SELECT l.* FROM attainment_line l"
                + (owner.type() == OwnerType.REP ? " WHERE l.rep_id = :owner"
                : " JOIN attainment_line_unit u ON l.source_event_id = u.source_event_id AND l.rep_id = u.rep_id"
                + " AND l.metric = u.metric WHERE u.unit_id = :owner AND u.metric = :metric"
                + " AND u.credit_date BETWEEN :first AND :last")
                + " AND l.metric = :metric AND l.credit_date BETWEEN :first AND :last" + filter.sql()
                + " ORDER BY l.credit_date DESC, l.recorded_at DESC, l.source_event_id, l.rep_id LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                .bind("owner", owner.id())
                .bind("metric", metric.name())
                .bind("first", first)
                .bind("last", last)
                .bind("limit", limit)
                .bind("offset", offset);
        if (filter.value() != null) {
            spec = spec.bind("dimensionValue", filter.value());
        }
        return spec.map((row, meta) -> storedLine(row)).all();
    }

    /** The lines a source event wrote. */
    public Flux<StoredLine> linesOfSourceEvent(UUID sourceEventId) {
        return db.sql("SELECT * FROM attainment_line WHERE source_event_id = :id ORDER BY rep_id, metric")
                .bind("id", sourceEventId)
                .map((row, meta) -> storedLine(row))
                .all();
    }

    /** The units a line rolled up to, nearest first. */
    public Flux<UUID> unitsOfLine(UUID sourceEventId, UUID repId, Metric metric) {
        return db.sql("SELECT unit_id FROM attainment_line_unit WHERE source_event_id = :id AND rep_id = :rep"
                        + " AND metric = :metric ORDER BY depth")
                .bind("id", sourceEventId).bind("rep", repId).bind("metric", metric.name())
                .map((row, meta) -> row.get("unit_id", UUID.class))
                .all();
    }

    /** A rep's lines credited on or after {@code from}, each with the units it rolled up to (nearest first). */
    public Flux<PlacedLine> placedLinesOfRep(UUID repId, LocalDate from) {
        return db.sql("""
                        SELECT l.*, coalesce((SELECT array_agg(u.unit_id ORDER BY u.depth) FROM attainment_line_unit u
                                 WHERE u.source_event_id = l.source_event_id AND u.rep_id = l.rep_id AND u.metric = l.metric),
                               CAST('{}' AS uuid[])) AS units
                        FROM attainment_line l WHERE l.rep_id = :rep AND l.credit_date >= :from
                        ORDER BY l.source_event_id, l.metric
                        """)
                .bind("rep", repId)
                .bind("from", from)
                .map((row, meta) -> {
                    StoredLine s = storedLine(row);
                    UUID[] units = row.get("units", UUID[].class);
                    Currency currency = s.currency() == null ? null : Currency.getInstance(s.currency().trim());
                    BigDecimal amount = s.amount().setScale(currency == null ? 0 : currency.getDefaultFractionDigits(),
                            java.math.RoundingMode.UNNECESSARY);
                    CreditLine line = new CreditLine(s.sourceEventId(), SourceEventType.ofWireName(s.sourceEventType()),
                            s.repId(), s.metric(), s.creditDate(), amount, currency, s.dimensions(), s.opportunityId(),
                            s.contractId(), s.paymentId(), s.accountId());
                    return new PlacedLine(line, units == null ? List.of() : List.of(units));
                })
                .all();
    }

    /** The reps whose lines credited on or after {@code from} rolled up through a unit, in id order. */
    public Flux<UUID> repsCreditedThrough(UUID unitId, LocalDate from) {
        return db.sql("""
                        SELECT DISTINCT l.rep_id FROM attainment_line_unit u JOIN attainment_line l
                          ON l.source_event_id = u.source_event_id AND l.rep_id = u.rep_id AND l.metric = u.metric
                        WHERE u.unit_id = :unit AND u.credit_date >= :from
                        ORDER BY l.rep_id
                        """)
                .bind("unit", unitId)
                .bind("from", from)
                .map((row, meta) -> row.get("rep_id", UUID.class))
                .all();
    }

    /** Replaces the units a line rolls up to. */
    public Mono<Void> replaceUnits(PlacedLine placed) {
        CreditLine line = placed.line();
        Mono<Long> delete = db.sql("DELETE FROM attainment_line_unit WHERE source_event_id = :sourceEventId"
                        + " AND rep_id = :repId AND metric = :metric")
                .bind("sourceEventId", line.sourceEventId()).bind("repId", line.repId()).bind("metric", line.metric().name())
                .fetch().rowsUpdated();
        if (placed.units().isEmpty()) {
            return delete.then();
        }
        return delete.then(db.sql(INSERT_LINE_UNITS)
                .bind("sourceEventId", line.sourceEventId())
                .bind("repId", line.repId())
                .bind("metric", line.metric().name())
                .bind("unitIds", placed.units().toArray(UUID[]::new))
                .bind("creditDate", line.creditDate())
                .fetch().rowsUpdated()).then();
    }

    /** Every counter whose stored value differs from the Σ of the ledger lines (total dimension), for a rebuild check. */
    public Flux<CounterValue> countersDifferingFromLedger() {
        return db.sql("""
                WITH owned AS (
                    SELECT 'REP' AS owner_type, l.rep_id AS owner_id, l.metric, date_trunc('month', l.credit_date)::date AS month,
                           l.amount, l.currency
                    FROM attainment_line l
                    UNION ALL
                    SELECT 'UNIT', u.unit_id, l.metric, date_trunc('month', l.credit_date)::date, l.amount, l.currency
                    FROM attainment_line_unit u JOIN attainment_line l
                      ON l.source_event_id = u.source_event_id AND l.rep_id = u.rep_id AND l.metric = u.metric
                ), expected AS (
                    SELECT owner_type, owner_id, metric, month, sum(amount) AS amount, min(currency) AS currency
                    FROM owned GROUP BY owner_type, owner_id, metric, month
                )
                SELECT coalesce(e.owner_type, c.owner_type) AS owner_type, coalesce(e.owner_id, c.owner_id) AS owner_id,
                       coalesce(e.metric, c.metric) AS metric, coalesce(e.month, c.month) AS month, '*' AS dimension,
                       coalesce(e.amount, 0) - coalesce(c.amount, 0) AS amount, coalesce(e.currency, c.currency) AS currency
                FROM expected e FULL JOIN (SELECT * FROM attainment_counter WHERE dimension = '*') c
                  ON c.owner_type = e.owner_type AND c.owner_id = e.owner_id AND c.metric = e.metric AND c.month = e.month
                WHERE coalesce(e.amount, 0) <> coalesce(c.amount, 0)
                """)
                .map(AttainmentLedgerStore::counterValue)
                .all();
    }

    private static StoredLine storedLine(Readable row) {
        return new StoredLine(row.get("source_event_id", UUID.class), row.get("source_event_type", String.class),
                row.get("rep_id", UUID.class), Metric.valueOf(row.get("metric", String.class)),
                row.get("credit_date", LocalDate.class), row.get("amount", BigDecimal.class),
                row.get("currency", String.class),
                new Dimensions(row.get("product_line", String.class), row.get("region", String.class),
                        row.get("channel", String.class), row.get("customer_segment", String.class)),
                row.get("opportunity_id", UUID.class), row.get("contract_id", UUID.class),
                row.get("payment_id", UUID.class), row.get("account_id", UUID.class));
    }

    private static NetCredit netCredit(Readable row, io.r2dbc.spi.RowMetadata meta) {
        String currency = row.get("currency", String.class);
        Metric metric = Metric.valueOf(row.get("metric", String.class));
        BigDecimal amount = row.get("amount", BigDecimal.class);
        Currency c = currency == null ? null : Currency.getInstance(currency.trim());
        // stored at scale 4: back to the currency's minor unit (a count to 0), exactly
        amount = amount.setScale(c == null ? 0 : c.getDefaultFractionDigits(), java.math.RoundingMode.UNNECESSARY);
        return new NetCredit(row.get("rep_id", UUID.class), metric,
                new Dimensions(row.get("product_line", String.class), row.get("region", String.class),
                        row.get("channel", String.class), row.get("customer_segment", String.class)),
                amount, c);
    }

    private static CounterValue counterValue(Readable row, io.r2dbc.spi.RowMetadata meta) {
        String currency = row.get("currency", String.class);
        return new CounterValue(new Owner(OwnerType.valueOf(row.get("owner_type", String.class)), row.get("owner_id", UUID.class)),
                Metric.valueOf(row.get("metric", String.class)), YearMonth.from(row.get("month", LocalDate.class)),
                row.get("dimension", String.class), row.get("amount", BigDecimal.class),
                currency == null ? null : Currency.getInstance(currency.trim()));
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                      T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** A counter dimension key as a SQL filter on the line's columns. */
    record DimensionFilter(String sql, String value) {
        static DimensionFilter of(String dimension) {
            if (dimension == null || dimension.equals(Dimensions.ALL)) {
                return new DimensionFilter("", null);
            }
            int eq = dimension.indexOf('=');
            String name = eq < 0 ? "" : dimension.substring(0, eq);
            String column = switch (name) {
                case "productLine" -> "product_line";
                case "region" -> "region";
                case "channel" -> "channel";
                case "customerSegment" -> "customer_segment";
                default -> throw new IllegalArgumentException("unknown dimension: " + dimension);
            };
            return new DimensionFilter(" AND l." + column + " = :dimensionValue", dimension.substring(eq + 1));
        }
    }

    static SourceEventType typeOf(String wireName) {
        return SourceEventType.ofWireName(wireName);
    }
}
