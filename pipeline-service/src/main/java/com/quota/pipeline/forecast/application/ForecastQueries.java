package com.quota.pipeline.forecast.application;

import com.quota.calendar.DateRange;
import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.pipeline.company.CompanyTime;
import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.NotFoundException;
import com.quota.pipeline.forecast.ConversionChain;
import com.quota.pipeline.forecast.ExpectedClose;
import com.quota.pipeline.forecast.ForecastDeal;
import com.quota.pipeline.forecast.ForecastGroup;
import com.quota.pipeline.forecast.ProbabilitySource;
import com.quota.pipeline.forecast.WeightedForecast;
import com.quota.pipeline.funnel.Funnel;
import com.quota.pipeline.funnel.FunnelTally;
import com.quota.pipeline.funnel.FunnelReport;
import com.quota.pipeline.fx.application.FxRates;
import com.quota.pipeline.opportunity.FxQuote;
import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;
import com.quota.pipeline.pipeline.application.PipelineStore;
import com.quota.pipeline.pipeline.application.StoredPipeline;
import com.quota.pipeline.scope.RepScope;
import com.quota.pipeline.scope.Scopes;
import com.quota.resourceserver.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weighted forecast and the funnel, as of a date: each deal's stage on that date comes from its stage history
 * (entered on or before, not left by then), with the stage as it was configured then; whether it was suspended,
 * terminated or archived then comes from its suspension history and the days it was terminated and archived.
 */
@Service
public class ForecastQueries {

    /**
     * Whose forecast: a rep, an org unit's whole subtree (a team or region), or everything in the caller's scope;
     * optionally one pipeline.
     */
    public record Who(UUID repId, UUID pipelineId, UUID unitId) {
        public Who(UUID repId, UUID pipelineId) {
            this(repId, pipelineId, null);
        }
    }

    /** The resolved filter of one query: the caller's scope, the rep, the unit's reps (null: no unit), the pipeline. */
    private record Filter(RepScope scope, UUID repId, UUID[] unitReps, UUID pipelineId) {
        Filter withPipeline(UUID pipeline) {
            return new Filter(scope, repId, unitReps, pipeline);
        }
    }

    /** A forecast with the period's months in order and the lines behind every figure. */
    public record ForecastResult(PeriodKey period, LocalDate asOf, ProbabilitySource source, List<PeriodKey> months,
                                 WeightedForecast forecast, Currency currency) {
    }

    /** One deal's state on the as-of date, read from the database. */
    private record DealRow(UUID id, String title, UUID pipelineId, BigDecimal amount, Currency currency,
                           LocalDate expectedCloseDate, OpportunityStatus status, BigDecimal wonReporting, Stage stageThen,
                           LocalDate stageEnteredOn, List<UUID> owners, LocalDate createdOn, String lossReason,
                           String competitor) {
    }

    private final DatabaseClient db;
    private final PipelineStore pipelines;
    private final FxRates fx;
    private final Scopes scopes;
    private final CompanyTime company;
    private final FiscalCalendar calendar;
    private final TransactionalOperator tx;

    public ForecastQueries(DatabaseClient db, PipelineStore pipelines, FxRates fx, Scopes scopes, CompanyTime company,
                           FiscalCalendar calendar, TransactionalOperator tx) {
        this.db = db;
        this.pipelines = pipelines;
        this.fx = fx;
        this.scopes = scopes;
        this.company = company;
        this.calendar = calendar;
        this.tx = tx;
    }

    /**
     * The figures are summed in the database (one row per forecast date, closed/open and category); the lines behind
     * them are read deal by deal only when {@code withLines} asks for the drill-down.
     */
    public Mono<ForecastResult> forecast(Caller caller, Who who, PeriodKey period, LocalDate asOfOrNull,
                                         ProbabilitySource source, int measuredWindowDays, boolean withLines) {
        LocalDate asOf = asOfOrNull == null ? company.today() : asOfOrNull;
        DateRange range = calendar.range(period);
        List<PeriodKey> months = calendar.monthsOf(period.type() == com.quota.calendar.PeriodType.MONTH
                ? calendar.quarterOf(period) : period).stream()
                .filter(m -> !calendar.range(m).last().isBefore(range.first()) && !calendar.range(m).first().isAfter(range.last()))
                .toList();
        int scale = company.reportingCurrency().getDefaultFractionDigits();
        return filter(caller, who, asOf).flatMap(filter -> pipelinesById().flatMap(byId ->
                probabilities(filter, byId, source, asOf, measuredWindowDays).flatMap(probabilities ->
                        customPlanned(forecastGroups(filter, asOf, range, probabilities, scale).collectList()).flatMap(groups -> {
                            WeightedForecast totals = WeightedForecast.ofGroups(groups,
                                    date -> calendar.monthOf(date).toString(), scale);
                            if (!withLines) {
                                return Mono.just(new ForecastResult(period, asOf, source, months, totals, company.reportingCurrency()));
                            }
                            return deals(filter, asOf).collectList()
                                    .flatMap(rows -> toForecastDeals(rows, byId, asOf))
                                    .map(deals -> {
                                        List<ForecastDeal> inPeriod = deals.stream()
                                                .filter(d -> !d.forecastDate().isBefore(range.first())
                                                        && !d.forecastDate().isAfter(range.last()))
                                                .toList();
                                        WeightedForecast lines = WeightedForecast.of(inPeriod, stage -> probabilities.get(stage),
                                                date -> calendar.monthOf(date).toString(), scale);
                                        // figures from the database, lines from the deals: the same arithmetic (ForecastAndFunnelIT)
                                        return new ForecastResult(period, asOf, source, months,
                                                WeightedForecast.withLines(totals, lines.lines()), company.reportingCurrency());
                                    });
                        }))));
    }

    /** The funnel of the deals of one pipeline created in [from, to], as of {@code asOf}, summed in the database. */
    public Mono<FunnelReport> funnel(Caller caller, Who who, LocalDate from, LocalDate to, LocalDate asOfOrNull) {
        return funnel(caller, who, from, to, asOfOrNull, false);
    }

    /**
     * The same funnel always derived from the stage history, never from the funnel facts: the reference the facts must
     * equal (FunnelFactsIT compares both after random moves).
     */
    public Mono<FunnelReport> funnelFromHistory(Caller caller, Who who, LocalDate from, LocalDate to, LocalDate asOfOrNull) {
        return funnel(caller, who, from, to, asOfOrNull, true);
    }

    private Mono<FunnelReport> funnel(Caller caller, Who who, LocalDate from, LocalDate to, LocalDate asOfOrNull,
                                      boolean fromHistory) {
        LocalDate asOf = asOfOrNull == null ? company.today() : asOfOrNull;
        if (who.pipelineId() == null) {
            return Mono.error(new InvalidInputException("pipelineId", "is required"));
        }
        if (from.isAfter(to)) {
            return Mono.error(new InvalidInputException("from", "must not be after to"));
        }
        int scale = company.reportingCurrency().getDefaultFractionDigits();
        return filter(caller, who, asOf).flatMap(filter -> pipelines.find(who.pipelineId())
                .switchIfEmpty(Mono.error(new NotFoundException("pipeline")))
                .flatMap(stored -> funnelTally(filter, stored.pipeline(), from, to, asOf, scale, fromHistory)
                        .map(tally -> Funnel.of(stored.pipeline().openStages(), tally, scale))));
    }

    private Mono<Filter> filter(Caller caller, Who who, LocalDate asOf) {
        return scope(caller, who).flatMap(scope -> who.unitId() == null
                ? Mono.just(new Filter(scope, who.repId(), null, who.pipelineId()))
                // the team as it was on the as-of day; the caller's scope still limits whose deals count
                : scopes.unitReps(caller, null, who.unitId(), asOf)
                .map(reps -> new Filter(scope, who.repId(), reps.toArray(UUID[]::new), who.pipelineId())));
    }

    private Mono<RepScope> scope(Caller caller, Who who) {
        return scopes.of(caller, "opportunities.read").onErrorResume(com.quota.pipeline.failure.ForbiddenException.class,
                        e -> scopes.of(caller, "opportunities.write"))
                .flatMap(scope -> who.repId() != null && !scope.canSee(who.repId())
                        ? Mono.error(new NotFoundException("rep")) : Mono.just(scope));
    }

    private Mono<Map<UUID, Pipeline>> pipelinesById() {
        return pipelines.all().collectMap(p -> p.pipeline().id(), StoredPipeline::pipeline);
    }

    private Mono<Map<UUID, BigDecimal>> probabilities(Filter filter, Map<UUID, Pipeline> byId, ProbabilitySource source,
                                                      LocalDate asOf, int windowDays) {
        Map<UUID, BigDecimal> result = new ConcurrentHashMap<>();
        if (source == ProbabilitySource.STAGE) {
            return Mono.just(result);
        }
        return Flux.fromIterable(byId.values()).concatMap(pipeline -> {
            if (source == ProbabilitySource.CONFIGURED_CHAIN) {
                result.putAll(ConversionChain.configured(pipeline.openStages()));
                return Mono.empty();
            }
            return funnelTally(filter, pipeline, asOf.minusDays(windowDays), asOf, asOf, 2, false)
                    .doOnNext(tally -> {
                        FunnelReport report = Funnel.of(pipeline.openStages(), tally, 2);
                        Map<UUID, BigDecimal> measured = Funnel.measuredRates(report);
                        result.putAll(ConversionChain.probabilities(pipeline.openStages(), measured::get));
                    }).then();
        }).then(Mono.just(result));
    }

    private Mono<List<ForecastDeal>> toForecastDeals(List<DealRow> rows, Map<UUID, Pipeline> byId, LocalDate asOf) {
        Map<Currency, Mono<FxQuote>> quotes = new HashMap<>();
        return Flux.fromIterable(rows).concatMap(row -> {
            Mono<BigDecimal> reporting = row.status() == OpportunityStatus.WON && row.wonReporting() != null
                    ? Mono.just(row.wonReporting())
                    : quotes.computeIfAbsent(row.currency(), c -> fx.quote(c, asOf).cache()).map(q -> q.convert(row.amount()));
            return reporting.map(amount -> {
                Pipeline pipeline = byId.get(row.pipelineId());
                LocalDate date;
                boolean placed = false;
                if (row.status() == OpportunityStatus.WON) {
                    date = row.stageEnteredOn();
                } else if (row.expectedCloseDate() != null) {
                    date = row.expectedCloseDate();
                } else {
                    placed = true;
                    Stage current = pipeline.stage(row.stageThen().id()).orElse(row.stageThen());
                    date = ExpectedClose.place(pipeline, withDays(current, row.stageThen()), row.stageEnteredOn(), asOf);
                }
                return new ForecastDeal(row.id(), row.title(), row.owners(), row.status(), row.stageThen(), date, placed, amount);
            });
        }).collectList();
    }

    // placement uses the expected days the stage had then; its position comes from the pipeline now
    private static Stage withDays(Stage now, Stage then) {
        return new Stage(now.id(), now.code(), now.name(), now.position(), then.probability(), then.forecastCategory(),
                then.expectedDays(), then.conversionRate(), then.closedAs());
    }

    private Flux<DealRow> deals(Filter filter, LocalDate asOf) {
        StringBuilder where = new StringBuilder("o.created_on <= :asOf");
        Map<String, Object> binds = new HashMap<>();
        binds.put("asOf", asOf);
        filters(filter, where, binds);
        String sql = "WITH " + SUSPENDED_SQL + """
                SELECT o.id, o.title, o.pipeline_id, o.amount, o.currency, o.expected_close_date, o.status, o.won_reporting_amount,
                       o.created_on, o.loss_reason, o.competitor, sp.opportunity_id IS NOT NULL AS suspended_then,
                       o.terminated_on, o.archived_on,
                       h.stage_id, h.stage_code, h.stage_name, h.probability, h.forecast_category, h.expected_days,
                       h.conversion_rate, h.closed_as, h.entered_on,
                       (SELECT array_agg(oo.rep_id ORDER BY oo.position) FROM opportunity_owner oo WHERE oo.opportunity_id = o.id) AS owners
                FROM opportunity o
                JOIN opportunity_stage_history h ON h.opportunity_id = o.id AND h.entered_on <= :asOf
                     AND (h.left_on IS NULL OR h.left_on > :asOf)
                LEFT JOIN suspended sp ON sp.opportunity_id = o.id
                """ + " WHERE " + where;
        return bind(db.sql(sql), binds).map(r -> {
            String closedAs = r.get("closed_as", String.class);
            Stage then = new Stage(r.get("stage_id", UUID.class), r.get("stage_code", String.class), r.get("stage_name", String.class),
                    -1, r.get("probability", Integer.class), ForecastCategory.valueOf(r.get("forecast_category", String.class)),
                    r.get("expected_days", Integer.class), r.get("conversion_rate", BigDecimal.class),
                    closedAs == null ? null : StageOutcome.valueOf(closedAs));
            OpportunityStatus now = OpportunityStatus.valueOf(r.get("status", String.class));
            OpportunityStatus asOfStatus = statusThen(then, Boolean.TRUE.equals(r.get("suspended_then", Boolean.class)),
                    r.get("terminated_on", LocalDate.class), r.get("archived_on", LocalDate.class), asOf);
            Currency currency = Currency.getInstance(r.get("currency", String.class).strip());
            UUID[] owners = r.get("owners", UUID[].class);
            return new DealRow(r.get("id", UUID.class), r.get("title", String.class), r.get("pipeline_id", UUID.class),
                    r.get("amount", BigDecimal.class).setScale(currency.getDefaultFractionDigits()), currency,
                    r.get("expected_close_date", LocalDate.class), asOfStatus,
                    asOfStatus == OpportunityStatus.WON && (now == OpportunityStatus.WON || now == OpportunityStatus.ARCHIVED)
                            ? r.get("won_reporting_amount", BigDecimal.class) : null,
                    then, r.get("entered_on", LocalDate.class), owners == null ? List.of() : List.of(owners),
                    r.get("created_on", LocalDate.class), r.get("loss_reason", String.class), r.get("competitor", String.class));
        }).all();
    }

    // the same rule as STATUS_THEN_SQL
    static OpportunityStatus statusThen(Stage then, boolean suspendedThen, LocalDate terminatedOn, LocalDate archivedOn,
                                        LocalDate asOf) {
        if (then.closedAs() == StageOutcome.WON) {
            return OpportunityStatus.WON;
        }
        if (then.closedAs() == StageOutcome.LOST) {
            return OpportunityStatus.LOST;
        }
        if (suspendedThen) {
            // the suspension history says so, whatever happened since (reactivated, suspended again, terminated)
            return OpportunityStatus.SUSPENDED;
        }
        // in an open stage then and not suspended: archived or terminated by that day (only archiving follows a
        // termination), else open, whatever its status now
        if (archivedOn != null && !archivedOn.isAfter(asOf)) {
            return OpportunityStatus.ARCHIVED;
        }
        if (terminatedOn != null && !terminatedOn.isAfter(asOf)) {
            return OpportunityStatus.TERMINATED;
        }
        return OpportunityStatus.OPEN;
    }

    /**
     * The deals suspended on :asOf, from the suspension history: one hashed set joined to the deals (sp), rather than a
     * correlated EXISTS per deal, which the planner copied into every use of the status.
     */
    private static final String SUSPENDED_SQL = """
            suspended AS (SELECT DISTINCT ss.opportunity_id FROM opportunity_suspension ss
                          WHERE ss.suspended_on <= CAST(:asOf AS date)
                            AND (ss.ended_on IS NULL OR ss.ended_on > CAST(:asOf AS date)))""";

    /** A deal's status on :asOf from the stage it was in then (h), its suspension then (sp) and o's days, as {@link #statusThen}. */
    private static final String STATUS_THEN_SQL = """
            CASE WHEN h.closed_as IS NOT NULL THEN h.closed_as
                 WHEN sp.opportunity_id IS NOT NULL THEN 'SUSPENDED'
                 WHEN o.archived_on <= CAST(:asOf AS date) THEN 'ARCHIVED'
                 WHEN o.terminated_on <= CAST(:asOf AS date) THEN 'TERMINATED'
                 ELSE 'OPEN' END""";

    private static void filters(Filter filter, StringBuilder where, Map<String, Object> binds) {
        if (!filter.scope().all()) {
            where.append(" AND EXISTS (SELECT 1 FROM opportunity_owner s WHERE s.opportunity_id = o.id AND s.rep_id = ANY(:scopeReps))");
            binds.put("scopeReps", filter.scope().repArray());
        }
        if (filter.repId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM opportunity_owner w WHERE w.opportunity_id = o.id AND w.rep_id = :rep)");
            binds.put("rep", filter.repId());
        }
        if (filter.unitReps() != null) {
            // a deal counts for a team when one of its owners is in the team
            where.append(" AND EXISTS (SELECT 1 FROM opportunity_owner u WHERE u.opportunity_id = o.id AND u.rep_id = ANY(:unitReps))");
            binds.put("unitReps", filter.unitReps());
        }
        if (filter.pipelineId() != null) {
            where.append(" AND o.pipeline_id = :pipeline");
            binds.put("pipeline", filter.pipelineId());
        }
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        return spec;
    }

    /** The rate in force on :asOf per currency (the FX table's latest entry on or before it). */
    private static final String RATES_SQL = """
            rates AS (SELECT DISTINCT ON (currency) currency, rate FROM fx_rate WHERE rate_date <= :asOf
                      ORDER BY currency, rate_date DESC)""";

    /** A deal's reporting amount: fixed at the win for a won deal, else at the rate in force on :asOf (v = the deal row). */
    private static String reportingSql(String wonCondition, String rate) {
        return """
                CASE WHEN %s AND v.won_reporting_amount IS NOT NULL THEN round_half_even(v.won_reporting_amount, :scale)
                     WHEN v.currency = :reporting THEN round_half_even(v.amount, :scale)
                     ELSE round_half_even(v.amount * %s, :scale) END""".formatted(wonCondition, rate);
    }

    private static String missingRateSql(String wonCondition, String rate) {
        return "CASE WHEN NOT (%s AND v.won_reporting_amount IS NOT NULL) AND v.currency <> :reporting AND %s IS NULL THEN v.currency END"
                .formatted(wonCondition, rate);
    }

    /**
     * The forecast summed in the database: deals in an open or won stage on :asOf whose forecast date falls in the
     * period, grouped by date, closed/open and category; every amount and weighted amount rounded per deal first.
     */
    private Flux<ForecastGroup> forecastGroups(Filter filter, LocalDate asOf, DateRange range, Map<UUID, BigDecimal> probabilities,
                                               int scale) {
        StringBuilder where = new StringBuilder("o.created_on <= :asOf");
        Map<String, Object> binds = new HashMap<>();
        binds.put("asOf", asOf);
        binds.put("first", range.first());
        binds.put("last", range.last());
        binds.put("scale", scale);
        binds.put("reporting", company.reportingCurrency().getCurrencyCode());
        filters(filter, where, binds);
        String probabilityJoin = "";
        String probability = "v.probability";
        if (!probabilities.isEmpty()) {
            List<UUID> stages = new ArrayList<>(probabilities.keySet());
            binds.put("probStages", stages.toArray(UUID[]::new));
            binds.put("probValues", stages.stream().map(id -> probabilities.get(id) == null ? null
                    : probabilities.get(id).toPlainString()).toArray(String[]::new));
            probabilityJoin = " LEFT JOIN unnest(CAST(:probStages AS uuid[]), CAST(:probValues AS numeric[])) AS p(stage_id, prob)"
                    + " ON p.stage_id = v.stage_id";
            probability = "COALESCE(p.prob, v.probability)";
        }
        String won = "v.status_then = 'WON' AND v.status_now IN ('WON', 'ARCHIVED')";
        // valued is MATERIALIZED so that reporting reaches the weighting as a plain column: inlined into it, the nested
        // expression is too costly for PostgreSQL to inline round_half_even (it would run per call, ~30 µs each)
        String sql = "WITH " + RATES_SQL + ", " + SUSPENDED_SQL + """
                , later AS (
                    SELECT s.id, (SELECT COALESCE(SUM(s2.expected_days), 0) FROM pipeline_stage s2
                                  WHERE s2.pipeline_id = s.pipeline_id AND s2.closed_as IS NULL AND s2.position > s.position) AS days
                    FROM pipeline_stage s WHERE s.closed_as IS NULL),
                deals AS (
                    SELECT %s AS status_then, o.status AS status_now, o.currency, o.amount, o.won_reporting_amount,
                           o.expected_close_date, h.stage_id, h.probability, h.forecast_category, h.expected_days, h.entered_on
                    FROM opportunity o
                    JOIN opportunity_stage_history h ON h.opportunity_id = o.id AND h.entered_on <= :asOf
                         AND (h.left_on IS NULL OR h.left_on > :asOf)
                    LEFT JOIN suspended sp ON sp.opportunity_id = o.id
                    WHERE %s),
                dated AS (
                    SELECT v.*, r.rate,
                           CASE WHEN v.status_then = 'WON' THEN v.entered_on
                                WHEN v.expected_close_date IS NOT NULL THEN v.expected_close_date
                                ELSE CAST(:asOf AS date) + GREATEST(0, v.expected_days - GREATEST(0, CAST(:asOf AS date) - v.entered_on))
                                     + COALESCE(l.days, 0)::int END AS forecast_date
                    FROM deals v LEFT JOIN rates r ON r.currency = v.currency LEFT JOIN later l ON l.id = v.stage_id
                    WHERE v.status_then IN ('OPEN', 'WON')),
                valued AS MATERIALIZED (
                    SELECT v.status_then, v.forecast_category, v.forecast_date,
                           %s AS reporting, %s AS probability, %s AS missing_currency
                    FROM dated v %s
                    WHERE v.forecast_date BETWEEN :first AND :last)
                SELECT forecast_date, status_then, forecast_category, missing_currency, count(*) AS deals,
                       SUM(reporting) AS amount,
                       SUM(CASE WHEN status_then = 'WON' THEN reporting
                                ELSE round_half_even(reporting * probability * 0.01, :scale) END) AS weighted
                FROM valued
                GROUP BY forecast_date, status_then, forecast_category, missing_currency
                """.formatted(STATUS_THEN_SQL, where, reportingSql(won, "v.rate"), probability, missingRateSql(won, "v.rate"),
                probabilityJoin);
        return bind(db.sql(sql), binds).map(r -> new Object[]{r.get("missing_currency", String.class),
                        new ForecastGroup(r.get("forecast_date", LocalDate.class), "WON".equals(r.get("status_then", String.class)),
                                ForecastCategory.valueOf(r.get("forecast_category", String.class)),
                                r.get("deals", Long.class).intValue(), r.get("amount", BigDecimal.class),
                                r.get("weighted", BigDecimal.class))})
                .all()
                .concatMap(row -> row[0] == null ? Mono.just((ForecastGroup) row[1])
                        // a currency without a rate on the day: the same 422 as a single conversion
                        : fx.quote(Currency.getInstance(((String) row[0]).strip()), asOf).then(Mono.<ForecastGroup>empty()));
    }

    /**
     * The funnel's sums in the database over the deals of one pipeline created in [from, to]: per deal its furthest
     * open stage and its outcome on :asOf (the stage it was in then), then grouped; finished stays per stage.
     */
    private Mono<FunnelTally> funnelTally(Filter filter, Pipeline pipeline, LocalDate from, LocalDate to, LocalDate asOf,
                                          int scale, boolean fromHistory) {
        if (fromHistory) {
            return customPlanned(funnelTallyFromHistory(filter, pipeline, from, to, asOf, scale));
        }
        // the facts hold as of any day from a deal's last change on; one deal of the pipeline changed after asOf (a
        // funnel of the past) and the whole funnel is derived from the history instead
        return customPlanned(db.sql("SELECT max(last_day) AS last_day FROM funnel_deal WHERE pipeline_id = :pipeline")
                .bind("pipeline", pipeline.id())
                .map(r -> java.util.Optional.ofNullable(r.get("last_day", LocalDate.class))).one()
                .flatMap(lastDay -> lastDay.isEmpty() || !lastDay.get().isAfter(asOf)
                        ? funnelTallyFromFacts(filter, pipeline, from, to, asOf, scale)
                        : funnelTallyFromHistory(filter, pipeline, from, to, asOf, scale)));
    }

    /**
     * Runs an aggregate in a transaction planned with the values bound, never with a cached generic plan. R2DBC reuses
     * named prepared statements, and from the sixth execution PostgreSQL may keep a generic plan that ignores the
     * window, pipeline and rep: under ForecastBenchmark that took the company funnel from 196 to 560 ms p50 and one
     * rep's from 16 to 126 ms, the year forecast from 783 to 912 ms (docs/benchmarks.md). Planning each time costs
     * about a millisecond; SET LOCAL ends with the transaction, so no pooled session keeps the setting.
     */
    private <T> Mono<T> customPlanned(Mono<T> aggregate) {
        return db.sql("SET LOCAL plan_cache_mode = force_custom_plan").then().then(aggregate).as(tx::transactional);
    }

    /**
     * The funnel's sums from the facts kept on write (V7): one row per deal (open stages entered, outcome, cycle days,
     * amount) and one per deal × open stage with finished stays, grouped in the database; the furthest stage of each
     * group is taken in Java by the pipeline's order now, as the derivation does.
     */
    private Mono<FunnelTally> funnelTallyFromFacts(Filter filter, Pipeline pipeline, LocalDate from, LocalDate to,
                                                   LocalDate asOf, int scale) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> binds = funnelWindow(filter, pipeline, from, to, asOf, scale, where);
        String won = "v.outcome = 'WON'";
        String sql = "WITH " + RATES_SQL + """
                , valued AS (
                    SELECT v.open_stages_entered, v.outcome, v.competitor, v.loss_reason, v.cycle_days,
                           %s AS reporting, %s AS missing_currency
                    FROM (SELECT * FROM funnel_deal o WHERE %s) v LEFT JOIN rates r ON r.currency = v.currency)
                SELECT 'DEALS' AS kind, open_stages_entered, outcome, competitor, loss_reason, missing_currency,
                       CAST(NULL AS uuid) AS stage_id, count(*) AS n, SUM(reporting) AS amount, SUM(cycle_days) AS days
                FROM valued GROUP BY open_stages_entered, outcome, competitor, loss_reason, missing_currency
                UNION ALL
                SELECT 'STAYS', NULL, NULL, NULL, NULL, NULL, stage_id, SUM(stays), NULL, SUM(days)
                FROM funnel_stay o WHERE %s GROUP BY stage_id
                """.formatted(reportingSql(won, "r.rate"), missingRateSql(won, "r.rate"), where, where);
        List<Stage> open = pipeline.openStages();
        Map<UUID, Integer> openIndex = new HashMap<>();
        for (int i = 0; i < open.size(); i++) {
            openIndex.put(open.get(i).id(), i);
        }
        FunnelTally tally = new FunnelTally(open.size());
        return bind(db.sql(sql), binds).fetch().all()
                .concatMap(row -> {
                    if ("STAYS".equals(row.get("kind"))) {
                        tally.addStays((UUID) row.get("stage_id"), number(row.get("days")), number(row.get("n")));
                        return Mono.empty();
                    }
                    if (row.get("missing_currency") != null) {
                        return fx.quote(Currency.getInstance(((String) row.get("missing_currency")).strip()), asOf).then();
                    }
                    // the furthest open stage entered by the pipeline's order now; none known counts as the first
                    int furthest = 0;
                    for (Object stage : (Object[]) row.get("open_stages_entered")) {
                        furthest = Math.max(furthest, openIndex.getOrDefault(stage, 0));
                    }
                    String outcome = (String) row.get("outcome");
                    tally.addDeals(furthest, outcome == null ? null : StageOutcome.valueOf(outcome),
                            (String) row.get("competitor"), (String) row.get("loss_reason"), (int) number(row.get("n")),
                            (BigDecimal) row.get("amount"), number(row.get("days")));
                    return Mono.empty();
                })
                .then(Mono.fromSupplier(() -> tally));
    }

    /** The binds and WHERE clause both funnel paths share: deals of the pipeline created in [from, to], by then, in scope. */
    private Map<String, Object> funnelWindow(Filter filter, Pipeline pipeline, LocalDate from, LocalDate to, LocalDate asOf,
                                             int scale, StringBuilder where) {
        where.append("o.created_on BETWEEN :from AND :to AND o.created_on <= :asOf");
        Map<String, Object> binds = new HashMap<>();
        binds.put("from", from);
        binds.put("to", to);
        binds.put("asOf", asOf);
        binds.put("scale", scale);
        binds.put("reporting", company.reportingCurrency().getCurrencyCode());
        filters(filter.withPipeline(pipeline.id()), where, binds);
        return binds;
    }

    private Mono<FunnelTally> funnelTallyFromHistory(Filter filter, Pipeline pipeline, LocalDate from, LocalDate to,
                                                     LocalDate asOf, int scale) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> binds = funnelWindow(filter, pipeline, from, to, asOf, scale, where);
        List<Stage> open = pipeline.openStages();
        binds.put("openStages", open.stream().map(Stage::id).toArray(UUID[]::new));
        String won = "v.outcome = 'WON'";
        String sql = "WITH " + RATES_SQL + """
                , visits AS (
                    SELECT o.id, o.created_on, o.currency, o.amount, o.won_reporting_amount, o.loss_reason, o.competitor,
                           h.seq, h.stage_id, h.closed_as, h.entered_on,
                           CASE WHEN h.left_on > CAST(:asOf AS date) THEN NULL ELSE h.left_on END AS left_on,
                           array_position(CAST(:openStages AS uuid[]), h.stage_id) - 1 AS open_index
                    FROM opportunity o JOIN opportunity_stage_history h ON h.opportunity_id = o.id AND h.entered_on <= :asOf
                    WHERE %s),
                deals AS (
                    SELECT d.*,
                           CASE WHEN d.last_visit[4] = 0 THEN CASE d.last_visit[2] WHEN 1 THEN 'WON' WHEN 2 THEN 'LOST' END END
                               AS outcome,
                           DATE '2000-01-01' + d.last_visit[3] AS last_entered
                    FROM (SELECT id, min(created_on) AS created_on, min(currency) AS currency, min(amount) AS amount,
                                 min(won_reporting_amount) AS won_reporting_amount, min(loss_reason) AS loss_reason,
                                 min(competitor) AS competitor,
                                 COALESCE(max(open_index) FILTER (WHERE closed_as IS NULL), 0) AS furthest,
                                 -- the last visit (highest seq) in the same pass, without sorting every visit by deal:
                                 -- arrays compare element by element, seq first; then outcome, entry day, left by :asOf
                                 max(ARRAY[seq, CASE closed_as WHEN 'WON' THEN 1 WHEN 'LOST' THEN 2 ELSE 0 END,
                                           entered_on - DATE '2000-01-01', CASE WHEN left_on IS NULL THEN 0 ELSE 1 END])
                                     AS last_visit
                          FROM visits GROUP BY id) d),
                valued AS (
                    SELECT v.furthest, v.outcome,
                           CASE WHEN v.outcome = 'LOST' THEN v.competitor END AS competitor,
                           CASE WHEN v.outcome = 'LOST' THEN v.loss_reason END AS loss_reason,
                           CASE WHEN v.outcome = 'WON' THEN GREATEST(0, v.last_entered - v.created_on) ELSE 0 END AS cycle_days,
                           %s AS reporting, %s AS missing_currency
                    FROM deals v LEFT JOIN rates r ON r.currency = v.currency)
                SELECT 'DEALS' AS kind, furthest, outcome, competitor, loss_reason, missing_currency, CAST(NULL AS uuid) AS stage_id,
                       count(*) AS n, SUM(reporting) AS amount, SUM(cycle_days) AS days
                FROM valued GROUP BY furthest, outcome, competitor, loss_reason, missing_currency
                UNION ALL
                SELECT 'STAYS', NULL, NULL, NULL, NULL, NULL, stage_id, count(*), NULL, SUM(left_on - entered_on)
                FROM visits WHERE closed_as IS NULL AND left_on IS NOT NULL GROUP BY stage_id
                """.formatted(where, reportingSql(won, "r.rate"), missingRateSql(won, "r.rate"));
        FunnelTally tally = new FunnelTally(open.size());
        return bind(db.sql(sql), binds).fetch().all()
                .concatMap(row -> {
                    if ("STAYS".equals(row.get("kind"))) {
                        tally.addStays((UUID) row.get("stage_id"), number(row.get("days")), number(row.get("n")));
                        return Mono.empty();
                    }
                    if (row.get("missing_currency") != null) {
                        return fx.quote(Currency.getInstance(((String) row.get("missing_currency")).strip()), asOf).then();
                    }
                    String outcome = (String) row.get("outcome");
                    tally.addDeals(((Number) row.get("furthest")).intValue(), outcome == null ? null : StageOutcome.valueOf(outcome),
                            (String) row.get("competitor"), (String) row.get("loss_reason"), (int) number(row.get("n")),
                            (BigDecimal) row.get("amount"), number(row.get("days")));
                    return Mono.empty();
                })
                .then(Mono.fromSupplier(() -> tally));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
