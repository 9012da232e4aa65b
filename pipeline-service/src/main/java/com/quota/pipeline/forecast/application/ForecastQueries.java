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
import com.quota.pipeline.forecast.ProbabilitySource;
import com.quota.pipeline.forecast.WeightedForecast;
import com.quota.pipeline.funnel.Funnel;
import com.quota.pipeline.funnel.FunnelDeal;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weighted forecast and the funnel, as of a date: each deal's stage on that date comes from its stage history
 * (entered on or before, not left by then), with the stage as it was configured then. Suspension, termination and
 * archiving are judged by the deal's current status.
 */
@Service
public class ForecastQueries {

    /** Whose forecast: a rep, or everything in the caller's scope; optionally one pipeline. */
    public record Who(UUID repId, UUID pipelineId) {
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

    public ForecastQueries(DatabaseClient db, PipelineStore pipelines, FxRates fx, Scopes scopes, CompanyTime company,
                           FiscalCalendar calendar) {
        this.db = db;
        this.pipelines = pipelines;
        this.fx = fx;
        this.scopes = scopes;
        this.company = company;
        this.calendar = calendar;
    }

    public Mono<ForecastResult> forecast(Caller caller, Who who, PeriodKey period, LocalDate asOfOrNull,
                                         ProbabilitySource source, int measuredWindowDays) {
        LocalDate asOf = asOfOrNull == null ? company.today() : asOfOrNull;
        DateRange range = calendar.range(period);
        List<PeriodKey> months = calendar.monthsOf(period.type() == com.quota.calendar.PeriodType.MONTH
                ? calendar.quarterOf(period) : period).stream()
                .filter(m -> !calendar.range(m).last().isBefore(range.first()) && !calendar.range(m).first().isAfter(range.last()))
                .toList();
        int scale = company.reportingCurrency().getDefaultFractionDigits();
        return scope(caller, who).flatMap(scope -> pipelinesById().flatMap(byId -> deals(scope, who, asOf).collectList()
                .flatMap(rows -> probabilities(caller, who, byId, source, asOf, measuredWindowDays, scope)
                        .flatMap(probabilities -> toForecastDeals(rows, byId, asOf).map(deals -> {
                            List<ForecastDeal> inPeriod = deals.stream()
                                    .filter(d -> !d.forecastDate().isBefore(range.first()) && !d.forecastDate().isAfter(range.last()))
                                    .toList();
                            WeightedForecast forecast = WeightedForecast.of(inPeriod, probabilities::get,
                                    date -> calendar.monthOf(date).toString(), scale);
                            return new ForecastResult(period, asOf, source, months, forecast, company.reportingCurrency());
                        })))));
    }

    /** The funnel of the deals of one pipeline created in [from, to], as of {@code asOf}. */
    public Mono<FunnelReport> funnel(Caller caller, Who who, LocalDate from, LocalDate to, LocalDate asOfOrNull) {
        LocalDate asOf = asOfOrNull == null ? company.today() : asOfOrNull;
        if (who.pipelineId() == null) {
            return Mono.error(new InvalidInputException("pipelineId", "is required"));
        }
        if (from.isAfter(to)) {
            return Mono.error(new InvalidInputException("from", "must not be after to"));
        }
        return scope(caller, who).flatMap(scope -> pipelines.find(who.pipelineId())
                .switchIfEmpty(Mono.error(new NotFoundException("pipeline")))
                .flatMap(stored -> funnelDeals(scope, who, stored.pipeline(), from, to, asOf).collectList()
                        .map(deals -> Funnel.of(stored.pipeline().openStages(), deals,
                                company.reportingCurrency().getDefaultFractionDigits()))));
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

    private Mono<Map<UUID, BigDecimal>> probabilities(Caller caller, Who who, Map<UUID, Pipeline> byId, ProbabilitySource source,
                                                      LocalDate asOf, int windowDays, RepScope scope) {
        Map<UUID, BigDecimal> result = new ConcurrentHashMap<>();
        if (source == ProbabilitySource.STAGE) {
            return Mono.just(result);
        }
        return Flux.fromIterable(byId.values()).concatMap(pipeline -> {
            if (source == ProbabilitySource.CONFIGURED_CHAIN) {
                result.putAll(ConversionChain.configured(pipeline.openStages()));
                return Mono.empty();
            }
            return funnelDeals(scope, new Who(who.repId(), pipeline.id()), pipeline, asOf.minusDays(windowDays), asOf, asOf)
                    .collectList()
                    .doOnNext(deals -> {
                        FunnelReport report = Funnel.of(pipeline.openStages(), deals, 2);
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

    private Flux<DealRow> deals(RepScope scope, Who who, LocalDate asOf) {
        StringBuilder where = new StringBuilder("o.created_on <= :asOf");
        Map<String, Object> binds = new HashMap<>();
        binds.put("asOf", asOf);
        filters(scope, who, where, binds);
        String sql = """
                SELECT o.id, o.title, o.pipeline_id, o.amount, o.currency, o.expected_close_date, o.status, o.won_reporting_amount,
                       o.created_on, o.loss_reason, o.competitor,
                       h.stage_id, h.stage_code, h.stage_name, h.probability, h.forecast_category, h.expected_days,
                       h.conversion_rate, h.closed_as, h.entered_on,
                       (SELECT array_agg(oo.rep_id ORDER BY oo.position) FROM opportunity_owner oo WHERE oo.opportunity_id = o.id) AS owners
                FROM opportunity o
                JOIN opportunity_stage_history h ON h.opportunity_id = o.id AND h.entered_on <= :asOf
                     AND (h.left_on IS NULL OR h.left_on > :asOf)
                """ + " WHERE " + where;
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        return spec.map(r -> {
            String closedAs = r.get("closed_as", String.class);
            Stage then = new Stage(r.get("stage_id", UUID.class), r.get("stage_code", String.class), r.get("stage_name", String.class),
                    -1, r.get("probability", Integer.class), ForecastCategory.valueOf(r.get("forecast_category", String.class)),
                    r.get("expected_days", Integer.class), r.get("conversion_rate", BigDecimal.class),
                    closedAs == null ? null : StageOutcome.valueOf(closedAs));
            OpportunityStatus now = OpportunityStatus.valueOf(r.get("status", String.class));
            OpportunityStatus asOfStatus = statusThen(now, then);
            Currency currency = Currency.getInstance(r.get("currency", String.class).strip());
            UUID[] owners = r.get("owners", UUID[].class);
            return new DealRow(r.get("id", UUID.class), r.get("title", String.class), r.get("pipeline_id", UUID.class),
                    r.get("amount", BigDecimal.class).setScale(currency.getDefaultFractionDigits()), currency,
                    r.get("expected_close_date", LocalDate.class), asOfStatus,
                    asOfStatus == OpportunityStatus.WON && now == OpportunityStatus.WON ? r.get("won_reporting_amount", BigDecimal.class) : null,
                    then, r.get("entered_on", LocalDate.class), owners == null ? List.of() : List.of(owners),
                    r.get("created_on", LocalDate.class), r.get("loss_reason", String.class), r.get("competitor", String.class));
        }).all();
    }

    private static OpportunityStatus statusThen(OpportunityStatus now, Stage then) {
        if (then.closedAs() == StageOutcome.WON) {
            return OpportunityStatus.WON;
        }
        if (then.closedAs() == StageOutcome.LOST) {
            return OpportunityStatus.LOST;
        }
        // in an open stage then: suspended/terminated by the current status, else open
        return now == OpportunityStatus.SUSPENDED || now == OpportunityStatus.TERMINATED || now == OpportunityStatus.ARCHIVED
                ? now : OpportunityStatus.OPEN;
    }

    private static void filters(RepScope scope, Who who, StringBuilder where, Map<String, Object> binds) {
        if (!scope.all()) {
            where.append(" AND EXISTS (SELECT 1 FROM opportunity_owner s WHERE s.opportunity_id = o.id AND s.rep_id = ANY(:scopeReps))");
            binds.put("scopeReps", scope.repArray());
        }
        if (who.repId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM opportunity_owner w WHERE w.opportunity_id = o.id AND w.rep_id = :rep)");
            binds.put("rep", who.repId());
        }
        if (who.pipelineId() != null) {
            where.append(" AND o.pipeline_id = :pipeline");
            binds.put("pipeline", who.pipelineId());
        }
    }

    private Flux<FunnelDeal> funnelDeals(RepScope scope, Who who, Pipeline pipeline, LocalDate from, LocalDate to, LocalDate asOf) {
        StringBuilder where = new StringBuilder("o.created_on BETWEEN :from AND :to AND o.created_on <= :asOf");
        Map<String, Object> binds = new HashMap<>();
        binds.put("from", from);
        binds.put("to", to);
        binds.put("asOf", asOf);
        filters(scope, new Who(who.repId(), pipeline.id()), where, binds);
        String sql = """
                SELECT o.id, o.amount, o.currency, o.created_on, o.won_reporting_amount, o.loss_reason, o.competitor, o.status,
                       h.stage_id, h.closed_as, h.entered_on, h.left_on
                FROM opportunity o JOIN opportunity_stage_history h ON h.opportunity_id = o.id AND h.entered_on <= :asOf
                """ + " WHERE " + where + " ORDER BY o.id, h.seq";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        Map<Currency, Mono<FxQuote>> quotes = new HashMap<>();
        return spec.fetch().all()
                .bufferUntilChanged(row -> row.get("id"))
                .concatMap(visits -> {
                    Map<String, Object> first = visits.get(0);
                    Currency currency = Currency.getInstance(((String) first.get("currency")).strip());
                    BigDecimal amount = (BigDecimal) first.get("amount");
                    int furthest = 0;
                    StageOutcome outcome = null;
                    LocalDate closeDate = null;
                    List<FunnelDeal.StageStay> stays = new ArrayList<>();
                    for (Map<String, Object> v : visits) {
                        UUID stageId = (UUID) v.get("stage_id");
                        String closedAs = (String) v.get("closed_as");
                        LocalDate left = (LocalDate) v.get("left_on");
                        LocalDate entered = (LocalDate) v.get("entered_on");
                        if (left != null && left.isAfter(asOf)) {
                            left = null;
                        }
                        if (closedAs == null) {
                            furthest = Math.max(furthest, pipeline.openIndex(stageId));
                            if (left != null) {
                                stays.add(new FunnelDeal.StageStay(stageId, ChronoUnit.DAYS.between(entered, left)));
                            }
                            outcome = null;
                            closeDate = null;
                        } else if (left == null) {
                            outcome = StageOutcome.valueOf(closedAs);
                            closeDate = entered;
                        }
                    }
                    StageOutcome finalOutcome = outcome;
                    LocalDate finalClose = closeDate;
                    int finalFurthest = furthest;
                    BigDecimal won = (BigDecimal) first.get("won_reporting_amount");
                    Mono<BigDecimal> reporting = finalOutcome == StageOutcome.WON && won != null ? Mono.just(won)
                            : quotes.computeIfAbsent(currency, c -> fx.quote(c, asOf).cache()).map(q -> q.convert(amount));
                    boolean lost = finalOutcome == StageOutcome.LOST;
                    return reporting.map(r -> new FunnelDeal((UUID) first.get("id"), r, (LocalDate) first.get("created_on"),
                            finalFurthest, finalOutcome, finalClose, lost ? (String) first.get("loss_reason") : null,
                            lost ? (String) first.get("competitor") : null, stays));
                });
    }
}
