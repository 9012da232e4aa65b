package com.quota.performance.scorecard.application;

import com.quota.api.ids.Ids;
import com.quota.api.problem.ApiProblem;
import com.quota.calendar.DateRange;
import com.quota.calendar.Elapsed;
import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.money.Percentages;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.performance.attainment.AttainmentFigure;
import com.quota.performance.attainment.persistence.AttainmentReadModel;
import com.quota.performance.integration.outbound.ScorecardFinalized;
import com.quota.performance.kpi.KpiDefinition;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.performance.kpi.DealFigures;
import com.quota.performance.kpi.persistence.DealFacts;
import com.quota.performance.kpi.persistence.KpiRows;
import com.quota.performance.rules.RuleViolation;
import com.quota.performance.scorecard.GradeBands;
import com.quota.performance.scorecard.ScorecardResult;
import com.quota.performance.scorecard.ScorecardTemplate;
import com.quota.performance.scorecard.TeamRanking;
import com.quota.performance.scorecard.TemplateKpi;
import com.quota.performance.scorecard.persistence.ScorecardRows;
import com.quota.performance.scorecard.persistence.ScorecardRows.FinalizedRow;
import com.quota.performance.scorecard.persistence.ScorecardRows.TemplateRow;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scorecards: live ones are computed on read from the read model (so every AttainmentChanged, opportunity or contract
 * event and rating moves them at once), finalized ones are stored and never change. Ranks are within the rep's team (unit) at the end of the period.
 */
@Service
public class Scorecards {

    /**
     * A rep's scorecard: live or finalized. A live one is ranked among the teammates that can be scored; those that
     * cannot (no template for their role) are listed in {@code unscoredTeammates} with the reason.
     */
    public record RepScorecard(UUID repId, UUID unitId, String periodKey, String status, TemplateRow template,
                               ScorecardResult result, FinalizedRow finalized, Integer rankInTeam, Integer teamSize,
                               List<Unscored> unscoredTeammates) {
    }

    /** A rep a team view shows without a score, and why (e.g. no scorecard template for the rep's role). */
    public record Unscored(UUID repId, String reason) {
    }

    /**
     * A team's (unit's) live scorecard: scored with the MANAGER template (a team answers through its manager),
     * ranked among the units of the same parent; with its members' own scorecards (ranked in the team, or unscored
     * with the reason).
     */
    public record UnitScorecard(UUID unitId, UUID parentId, String periodKey, TemplateRow template, ScorecardResult result,
                                int rankAmongPeers, int peers, List<Member> members) {
    }

    /** A member of a team in its team scorecard: score, grade and rank in the team, or the reason it is unscored. */
    public record Member(UUID repId, BigDecimal score, String grade, Integer rankInTeam, String unscoredReason) {
    }

    /** One leaderboard row; a rep that cannot be scored has no rank and no value, and says why. */
    public record Standing(Integer rank, UUID repId, BigDecimal value, String unscoredReason) {
    }

    /** The team summary of a unit for a period. */
    public record TeamSummary(UUID unitId, String periodKey, LocalDate asOf, int reps, int atQuota, BigDecimal percentAtQuota,
                              Map<String, Integer> attainmentDistribution, List<UUID> behindPace) {
    }

    private final ScorecardRows rows;
    private final KpiRows kpis;
    private final AttainmentReadModel readModel;
    private final DealFacts deals;
    private final OrgDirectory directory;
    private final FiscalCalendar calendar;
    private final OutboxWriter outbox;
    private final JsonMapper json;

    public Scorecards(ScorecardRows rows, KpiRows kpis, AttainmentReadModel readModel, DealFacts deals, OrgDirectory directory,
                      FiscalCalendar calendar, OutboxWriter outbox, JsonMapper json) {
        this.rows = rows;
        this.kpis = kpis;
        this.readModel = readModel;
        this.deals = deals;
        this.directory = directory;
        this.calendar = calendar;
        this.outbox = outbox;
        this.json = json;
    }

    /** The template a stored row describes, with its KPI definitions (validated again: weights sum to 100). */
    public Mono<ScorecardTemplate> template(TemplateRow row) {
        return kpis.byIds(row.kpis().stream().map(ScorecardRows.WeightJson::kpiId).toList())
                .collectMap(KpiDefinition::id)
                .map(byId -> {
                    List<TemplateKpi> weighted = new ArrayList<>();
                    for (ScorecardRows.WeightJson w : row.kpis()) {
                        KpiDefinition kpi = byId.get(w.kpiId());
                        if (kpi == null) {
                            throw ApiProblem.unprocessable("unknown-kpi", "no KPI definition " + w.kpiId());
                        }
                        weighted.add(new TemplateKpi(kpi, w.weightPercent()));
                    }
                    return new ScorecardTemplate(row.id(), row.name(), row.role(), weighted, new GradeBands(
                            row.gradeBands().bands().stream().map(b -> new GradeBands.GradeBand(b.grade(), b.minScore())).toList(),
                            row.gradeBands().fallbackGrade()));
                });
    }

    /**
     * The measured values of a rep for a period: attainment figures from AttainmentChanged, deal KPIs from opportunity
     * and contract events, soft ratings from managers. A measure without a value is left out (it scores 0).
     */
    public Mono<Map<KpiMeasure, BigDecimal>> actuals(UUID repId, PeriodKey period) {
        return attainmentValues(repId, period)
                .flatMap(attainment -> dealValues(List.of(repId), period, attainment))
                .flatMap(values -> rows.ratings(repId, period.toString())
                        .doOnNext(r -> values.put(KpiMeasure.valueOf(r.measure()), r.rating()))
                        .then(Mono.just(values)));
    }

    /** Attainment %, bookings and YoY growth of an owner (a rep, or a unit with attainment's roll-up) for a period. */
    private Mono<Map<KpiMeasure, BigDecimal>> attainmentValues(UUID ownerId, PeriodKey period) {
        return Mono.zip(
                        readModel.figure(ownerId, "BOOKINGS", period.toString()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()),
                        readModel.figure(ownerId, "BOOKINGS", calendar.samePeriodLastYear(period).toString()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .map(t -> {
                    Map<KpiMeasure, BigDecimal> values = new EnumMap<>(KpiMeasure.class);
                    t.getT1().ifPresent(f -> {
                        values.put(KpiMeasure.BOOKINGS, f.actual());
                        if (f.attainmentPercent() != null) {
                            values.put(KpiMeasure.ATTAINMENT_PERCENT, f.attainmentPercent());
                        }
                        t.getT2().ifPresent(last -> {
                            BigDecimal growth = Percentages.growth(f.actual(), last.actual());
                            if (growth != null) {
                                values.put(KpiMeasure.YOY_GROWTH, growth);
                            }
                        });
                    });
                    return values;
                });
    }

    /**
     * Adds to an owner's attainment values the deal KPIs of some reps (one, or a team's members, each deal once) for the
     * period: win rate, conversion rate, sales velocity, new customers, collection rate, and the cost ratio (the reps'
     * share of their activities' cost ÷ the owner's bookings of the period).
     */
    private Mono<Map<KpiMeasure, BigDecimal>> dealValues(Collection<UUID> repIds, PeriodKey period,
                                                         Map<KpiMeasure, BigDecimal> values) {
        DateRange range = calendar.range(period);
        return Mono.zip(deals.dealFigures(repIds, range.first(), range.last()),
                        deals.collectionFigures(repIds, range.first(), range.last()),
                        deals.activityCost(repIds, range.first(), range.last()))
                .map(t -> {
                    DealFigures figures = t.getT1();
                    putIfKnown(values, KpiMeasure.WIN_RATE, figures.winRatePercent());
                    putIfKnown(values, KpiMeasure.CONVERSION_RATE, figures.conversionRatePercent());
                    putIfKnown(values, KpiMeasure.SALES_VELOCITY, figures.salesVelocity());
                    values.put(KpiMeasure.NEW_CUSTOMERS, figures.newCustomers());
                    putIfKnown(values, KpiMeasure.COLLECTION_RATE, t.getT2().collectionRatePercent());
                    putIfKnown(values, KpiMeasure.COST_RATIO, DealFigures.costRatioPercent(t.getT3(), values.get(KpiMeasure.BOOKINGS)));
                    return values;
                });
    }

    private static void putIfKnown(Map<KpiMeasure, BigDecimal> values, KpiMeasure measure, BigDecimal value) {
        if (value != null) {
            values.put(measure, value);
        }
    }

    /** The rep's scorecard for a period: the finalized one if any, else live, ranked within the rep's team. */
    public Mono<RepScorecard> scorecard(UUID repId, PeriodKey period) {
        return rows.finalized(repId, period.toString())
                .flatMap(f -> rows.template(f.templateId()).map(t -> new RepScorecard(repId, f.unitId(), period.toString(),
                        "FINALIZED", t, null, f, f.rankInTeam(), f.teamSize(), List.of())))
                .switchIfEmpty(Mono.defer(() -> live(repId, period)));
    }

    private Mono<RepScorecard> live(UUID repId, PeriodKey period) {
        LocalDate end = calendar.range(period).last();
        return directory.unitOf(repId, end).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(unit -> teamScores(unit.map(List::of).orElse(List.of()), period, repId)
                        .map(scores -> {
                            Scored mine = scores.get(repId);
                            if (!mine.isScored()) {
                                // the rep's own scorecard cannot exist without a template; a team view shows it unscored
                                throw ApiProblem.unprocessable("no-scorecard-template", mine.unscoredReason());
                            }
                            TeamRanking.Rank rank = rankScored(scores).get(repId);
                            return new RepScorecard(repId, unit.orElse(null), period.toString(), "LIVE", mine.template(),
                                    mine.result(), null, rank.rank(), rank.teamSize(), unscored(scores));
                        }));
    }

    /** A rep scored with the template of their role, or unscored with the reason (no template for the role). */
    record Scored(TemplateRow template, ScorecardResult result, String unscoredReason) {
        static Scored unscored(String reason) {
            return new Scored(null, null, reason);
        }

        boolean isScored() {
            return result != null;
        }
    }

    /** Ranks the scored reps among themselves; unscored ones take no rank and do not count in the team size. */
    private static Map<UUID, TeamRanking.Rank> rankScored(Map<UUID, Scored> scores) {
        return TeamRanking.rank(scores.entrySet().stream().filter(e -> e.getValue().isScored())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().result().score())));
    }

    private static List<Unscored> unscored(Map<UUID, Scored> scores) {
        return scores.entrySet().stream().filter(e -> !e.getValue().isScored())
                .map(e -> new Unscored(e.getKey(), e.getValue().unscoredReason())).toList();
    }

    /** Scores every rep of the units (plus {@code alsoRep}) with the template of their role. */
    private Mono<Map<UUID, Scored>> teamScores(List<UUID> units, PeriodKey period, UUID alsoRep) {
        LocalDate end = calendar.range(period).last();
        Flux<UUID> reps = units.isEmpty() ? Flux.empty() : directory.repsIn(units, end);
        // the team is the unit's sellers (role REP); a manager's own scorecard is asked for by id
        Flux<UUID> sellers = reps.filterWhen(rep -> directory.rep(rep).map(r -> "REP".equals(r.role())).defaultIfEmpty(false));
        return Flux.concat(sellers, alsoRep == null ? Flux.empty() : Flux.just(alsoRep)).distinct()
                .concatMap(rep -> score(rep, period).map(scored -> Map.entry(rep, scored)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private Mono<Scored> score(UUID repId, PeriodKey period) {
        return directory.rep(repId).map(r -> r.role()).defaultIfEmpty("REP")
                .flatMap(role -> rows.templateOfRole(role)
                        .flatMap(row -> template(row).zipWith(actuals(repId, period), (template, actuals) ->
                                new Scored(row, template.score(actuals), null)))
                        .switchIfEmpty(Mono.fromSupplier(() -> Scored.unscored(
                                "no scorecard template is defined for the role " + role))));
    }

    /** The role whose template scores a team (unit). */
    static final String TEAM_TEMPLATE_ROLE = "MANAGER";

    /**
     * The live scorecard of a unit for a period: attainment from the unit's own figures (attainment rolls its subtree
     * up), deal KPIs over the deals of the subtree's sellers (a shared deal once), soft ratings as the average of the
     * members' ratings; ranked among the units with the same parent (a root ranks alone).
     */
    public Mono<UnitScorecard> unitScorecard(UUID unitId, PeriodKey period) {
        LocalDate end = calendar.range(period).last();
        return directory.requireKnownUnit(unitId)
                .then(rows.templateOfRole(TEAM_TEMPLATE_ROLE).switchIfEmpty(Mono.error(() -> ApiProblem.unprocessable(
                        "no-scorecard-template", "no scorecard template is defined for the role " + TEAM_TEMPLATE_ROLE
                                + ", which scores teams"))))
                .flatMap(row -> template(row).flatMap(template -> directory.ancestors(unitId, end).next()
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(parent -> peers(parent.orElse(null), unitId, end)
                                .flatMapMany(Flux::fromIterable)
                                .concatMap(unit -> unitActuals(unit, period).map(actuals -> Map.entry(unit, template.score(actuals))))
                                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                                .zipWith(members(unitId, period))
                                .map(t -> {
                                    Map<UUID, ScorecardResult> scores = t.getT1();
                                    Map<UUID, TeamRanking.Rank> ranks = TeamRanking.rank(scores.entrySet().stream()
                                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().score())));
                                    TeamRanking.Rank rank = ranks.get(unitId);
                                    return new UnitScorecard(unitId, parent.orElse(null), period.toString(), row,
                                            scores.get(unitId), rank.rank(), rank.teamSize(), t.getT2());
                                }))));
    }

    /** The team's sellers with their own scorecards ranked in the team, unscored ones last with the reason. */
    private Mono<List<Member>> members(UUID unitId, PeriodKey period) {
        return teamScores(List.of(unitId), period, null).map(scores -> {
            Map<UUID, TeamRanking.Rank> ranks = rankScored(scores);
            return scores.entrySet().stream()
                    .map(e -> e.getValue().isScored()
                            ? new Member(e.getKey(), e.getValue().result().score(), e.getValue().result().grade(),
                                    ranks.get(e.getKey()).rank(), null)
                            : new Member(e.getKey(), null, null, null, e.getValue().unscoredReason()))
                    .sorted(Comparator.comparing((Member m) -> m.rankInTeam() == null ? Integer.MAX_VALUE : m.rankInTeam())
                            .thenComparing(m -> m.repId().toString()))
                    .toList();
        });
    }

    /** The units with the same parent as {@code unitId} (itself included) on a day. */
    private Mono<List<UUID>> peers(UUID parentId, UUID unitId, LocalDate on) {
        if (parentId == null) {
            return Mono.just(List.of(unitId));
        }
        return directory.subtree(parentId, on)
                .filter(unit -> !unit.equals(parentId))
                .filterWhen(unit -> directory.ancestors(unit, on).next().map(parentId::equals).defaultIfEmpty(false))
                .concatWith(Mono.just(unitId))
                .distinct()
                .collectList();
    }

    /** The measured values of a unit: its own attainment, its sellers' deals, the average of its members' ratings. */
    public Mono<Map<KpiMeasure, BigDecimal>> unitActuals(UUID unitId, PeriodKey period) {
        return subtreeReps(unitId, calendar.range(period).last()).flatMap(reps -> attainmentValues(unitId, period)
                .flatMap(attainment -> dealValues(reps, period, attainment))
                .flatMap(values -> Flux.fromIterable(reps).concatMap(rep -> rows.ratings(rep, period.toString()))
                        .collect(Collectors.groupingBy(ScorecardRows.RatingRow::measure,
                                Collectors.mapping(ScorecardRows.RatingRow::rating, Collectors.toList())))
                        .map(byMeasure -> {
                            byMeasure.forEach((measure, ratings) -> values.put(KpiMeasure.valueOf(measure),
                                    ratings.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                                            .divide(BigDecimal.valueOf(ratings.size()), 2, java.math.RoundingMode.HALF_EVEN)));
                            return values;
                        })));
    }

    /**
     * Finalizes the scorecards of every rep in a team for a period: scores and ranks them, stores them, and writes one
     * ScorecardFinalized each to the outbox, in the caller's transaction. A rep already finalized refuses the whole
     * request (409), so nothing is half-written.
     */
    public Mono<List<FinalizedRow>> finalizeTeam(UUID unitId, PeriodKey period, LocalDate asOf, String by) {
        LocalDate end = calendar.range(period).last();
        return directory.requireKnownUnit(unitId)
                .then(teamScores(List.of(unitId), period, null))
                .flatMap(scores -> rows.finalized(scores.keySet(), period.toString()).hasElements().flatMap(any -> {
                    if (any) {
                        throw RuleViolation.stateConflict("scorecard-finalized",
                                "scorecards of " + period + " in this team are finalized already and never change");
                    }
                    if (scores.isEmpty()) {
                        throw ApiProblem.unprocessable("no-reps-in-team", "the unit has no reps on " + end);
                    }
                    List<Unscored> unscored = unscored(scores);
                    if (!unscored.isEmpty()) {
                        // a finalized team is complete and immutable: it waits until every member can be scored
                        throw ApiProblem.unprocessable("reps-unscored", "cannot finalize: " + unscored.stream()
                                .map(u -> u.repId() + " (" + u.reason() + ")").collect(Collectors.joining(", ")));
                    }
                    Map<UUID, TeamRanking.Rank> ranks = rankScored(scores);
                    return Flux.fromIterable(scores.entrySet()).concatMap(entry -> {
                        UUID rep = entry.getKey();
                        Scored scored = entry.getValue();
                        TeamRanking.Rank rank = ranks.get(rep);
                        List<ScorecardFinalized.Kpi> kpiPayload = ScorecardFinalized.kpis(scored.result());
                        FinalizedRow row = new FinalizedRow(Ids.newId(), rep, unitId, period.toString(), scored.template().id(),
                                scored.result().score(), scored.result().grade(), rank.rank(), rank.teamSize(), asOf,
                                json.writeValueAsString(kpiPayload));
                        ScorecardFinalized event = new ScorecardFinalized(row.id(), rep, unitId, scored.template().role(),
                                scored.template().id(), scored.template().name(), period.toString(), period.type().name(), asOf,
                                scored.result().score().toPlainString(), scored.result().grade(), rank.rank(), rank.teamSize(),
                                kpiPayload);
                        return rows.insertFinalized(row, by)
                                .then(outbox.append(OutboxMessage.of(EventType.SCORECARD_FINALIZED, row.id()).payload(event).build()))
                                .thenReturn(row);
                    }).collectList();
                }));
    }

    /** Reps of a unit's subtree ranked by a metric: SCORE, BOOKINGS or ATTAINMENT_PERCENT (ties share a rank). */
    public Mono<List<Standing>> leaderboard(UUID unitId, PeriodKey period, String metric) {
        LocalDate end = calendar.range(period).last();
        List<Unscored> unscored = new ArrayList<>();
        Mono<Map<UUID, BigDecimal>> values = switch (metric) {
            case "SCORE" -> directory.subtree(unitId, end).collectList().flatMap(units -> teamScores(units, period, null))
                    .map(scores -> {
                        unscored.addAll(unscored(scores));
                        return scores.entrySet().stream().filter(e -> e.getValue().isScored())
                                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().result().score()));
                    });
            case "BOOKINGS", "ATTAINMENT_PERCENT" -> subtreeReps(unitId, end)
                    .flatMap(reps -> readModel.figures(reps, "BOOKINGS", period.toString()).collectList().map(figures -> {
                        Map<UUID, BigDecimal> byRep = new LinkedHashMap<>();
                        reps.forEach(r -> byRep.put(r, "BOOKINGS".equals(metric) ? BigDecimal.ZERO.setScale(2) : null));
                        for (AttainmentFigure f : figures) {
                            byRep.put(f.ownerId(), "BOOKINGS".equals(metric) ? f.actual() : f.attainmentPercent());
                        }
                        byRep.values().removeIf(java.util.Objects::isNull);
                        return byRep;
                    }));
            default -> Mono.error(ApiProblem.invalidField("metric", "one of SCORE, BOOKINGS, ATTAINMENT_PERCENT"));
        };
        return values.map(byRep -> {
            Map<UUID, TeamRanking.Rank> ranks = TeamRanking.rank(byRep);
            List<Standing> standings = new ArrayList<>(byRep.entrySet().stream()
                    .map(e -> new Standing(ranks.get(e.getKey()).rank(), e.getKey(), e.getValue(), null))
                    .sorted(Comparator.comparingInt(Standing::rank).thenComparing(s -> s.repId().toString()))
                    .toList());
            // reps that cannot be scored are shown, last, with the reason instead of failing the whole board
            unscored.stream().sorted(Comparator.comparing(u -> u.repId().toString()))
                    .forEach(u -> standings.add(new Standing(null, u.repId(), null, u.reason())));
            return standings;
        });
    }

    /** Attainment distribution, share of reps at quota, and who is behind pace (actual below target × elapsed share). */
    public Mono<TeamSummary> teamSummary(UUID unitId, PeriodKey period, LocalDate asOf) {
        DateRange range = calendar.range(period);
        BigDecimal elapsed = Elapsed.elapsedFraction(range, asOf);
        return subtreeReps(unitId, range.last()).flatMap(reps -> readModel.figures(reps, "BOOKINGS", period.toString())
                .collectMap(AttainmentFigure::ownerId, Function.identity())
                .map(figures -> {
                    Map<String, Integer> distribution = new LinkedHashMap<>();
                    for (String bucket : List.of("BELOW_50", "50_TO_80", "80_TO_100", "100_AND_ABOVE", "NO_TARGET")) {
                        distribution.put(bucket, 0);
                    }
                    int atQuota = 0;
                    List<UUID> behind = new ArrayList<>();
                    for (UUID rep : reps) {
                        AttainmentFigure f = figures.get(rep);
                        BigDecimal percent = f == null ? null : f.attainmentPercent();
                        String bucket = percent == null ? "NO_TARGET"
                                : percent.compareTo(BigDecimal.valueOf(50)) < 0 ? "BELOW_50"
                                : percent.compareTo(BigDecimal.valueOf(80)) < 0 ? "50_TO_80"
                                : percent.compareTo(BigDecimal.valueOf(100)) < 0 ? "80_TO_100" : "100_AND_ABOVE";
                        distribution.merge(bucket, 1, Integer::sum);
                        if (percent != null && percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
                            atQuota++;
                        }
                        if (f != null && f.target() != null && f.actual().compareTo(f.target().multiply(elapsed)) < 0) {
                            behind.add(rep);
                        }
                    }
                    return new TeamSummary(unitId, period.toString(), asOf, reps.size(), atQuota,
                            Percentages.percent(BigDecimal.valueOf(atQuota), BigDecimal.valueOf(reps.size())), distribution, behind);
                }));
    }

    private Mono<List<UUID>> subtreeReps(UUID unitId, LocalDate on) {
        return directory.subtree(unitId, on).collectList()
                .flatMap(units -> units.isEmpty() ? Mono.just(List.<UUID>of()) : directory.repsIn(units, on)
                        .filterWhen(rep -> directory.rep(rep).map(r -> "REP".equals(r.role())).defaultIfEmpty(false))
                        .collectList());
    }
}
