package com.quota.performance.scorecard.web;

import com.quota.api.company.AsOf;
import com.quota.api.company.CompanyClock;
import com.quota.api.concurrency.Versions;
import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.ids.Ids;
import com.quota.api.problem.ApiProblem;
import com.quota.calendar.PeriodKey;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.performance.rules.RuleViolation;
import com.quota.performance.scorecard.ScorecardResult;
import com.quota.performance.scorecard.application.Scorecards;
import com.quota.performance.scorecard.persistence.ScorecardRows;
import com.quota.performance.scorecard.persistence.ScorecardRows.GradeBandsJson;
import com.quota.performance.scorecard.persistence.ScorecardRows.GradeJson;
import com.quota.performance.scorecard.persistence.ScorecardRows.TemplateRow;
import com.quota.performance.scorecard.persistence.ScorecardRows.WeightJson;
import com.quota.performance.config.ReadAccess;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Scorecard templates per role, managers' soft ratings, rep scorecards, finalizing a team, leaderboards, team summary. */
@RestController
@RequestMapping("/api/scorecards")
@Tag(name = "Scorecards")
class ScorecardController {

    private static final Set<String> ROLES = Set.of("REP", "MANAGER", "DIRECTOR");

    record TemplateRequest(String name, String role, List<WeightJson> kpis, GradeBandsJson gradeBands) {
        TemplateRow toRow(UUID id, long version) {
            if (name == null || name.isBlank()) {
                throw ApiProblem.invalidField("name", "required");
            }
            if (role == null || !ROLES.contains(role)) {
                throw ApiProblem.invalidField("role", "one of " + ROLES);
            }
            if (kpis == null || kpis.isEmpty() || kpis.stream().anyMatch(k -> k == null || k.kpiId() == null || k.weightPercent() == null)) {
                throw ApiProblem.invalidField("kpis", "a list of {kpiId, weightPercent}");
            }
            GradeBandsJson bands = gradeBands != null ? gradeBands : new GradeBandsJson(List.of(
                    new GradeJson("A", BigDecimal.valueOf(90)), new GradeJson("B", BigDecimal.valueOf(75)),
                    new GradeJson("C", BigDecimal.valueOf(60))), "D");
            return new TemplateRow(id, name, role, kpis, bands, version);
        }
    }

    record TemplateView(UUID id, String name, String role, List<WeightJson> kpis, GradeBandsJson gradeBands, long version) {
        static TemplateView of(TemplateRow t) {
            return new TemplateView(t.id(), t.name(), t.role(), t.kpis(), t.gradeBands(), t.version());
        }
    }

    record RatingRequest(UUID repId, String periodKey, String measure, BigDecimal rating, String comment) {
    }

    record RatingView(UUID id, UUID repId, String periodKey, String measure, BigDecimal rating, String comment, String ratedBy) {
    }

    record KpiScoreView(UUID kpiId, String code, String name, String measure, String direction, BigDecimal weightPercent,
                        BigDecimal actualValue, BigDecimal score, BigDecimal weightedScore) {
    }

    record ScorecardView(UUID repId, UUID unitId, String periodKey, String status, UUID templateId, String templateName,
                         BigDecimal score, String grade, Integer rankInTeam, Integer teamSize, Object kpis,
                         List<Scorecards.Unscored> unscoredTeammates) {
    }

    record UnitScorecardView(UUID unitId, UUID parentId, String periodKey, String status, UUID templateId, String templateName,
                             BigDecimal score, String grade, int rankAmongPeers, int peers, List<KpiScoreView> kpis,
                             List<Scorecards.Member> members) {
    }

    record FinalizeRequest(UUID unitId, String periodKey) {
    }

    record FinalizedView(UUID scorecardId, UUID repId, BigDecimal score, String grade, Integer rankInTeam, Integer teamSize) {
    }

    private final Scorecards scorecards;
    private final ScorecardRows rows;
    private final IdempotentCreates creates;
    private final ScopeResolver scopes;
    private final OrgDirectory directory;
    private final CompanyClock clock;
    private final TransactionalOperator transactions;
    private final JsonMapper json;

    ScorecardController(Scorecards scorecards, ScorecardRows rows, IdempotentCreates creates, ScopeResolver scopes,
                        OrgDirectory directory, CompanyClock clock, TransactionalOperator transactions, JsonMapper json) {
        this.scorecards = scorecards;
        this.rows = rows;
        this.creates = creates;
        this.scopes = scopes;
        this.directory = directory;
        this.clock = clock;
        this.transactions = transactions;
        this.json = json;
    }

    @PostMapping("/templates")
    @Operation(summary = "Create the scorecard template of a role (ADMIN, DIRECTOR): KPI weights summing to 100, grade bands")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    Mono<ResponseEntity<String>> createTemplate(Caller caller, @RequestBody TemplateRequest request, ServerWebExchange exchange) {
        requireAdmin(caller);
        TemplateRow row = request.toRow(Ids.newId(), 0);
        return creates.create(exchange, caller, request, () -> scorecards.template(row)
                .then(rows.templateOfRole(row.role()).hasElement())
                .flatMap(exists -> exists
                        ? Mono.error(ApiProblem.duplicate("the role " + row.role() + " has a template already; change it with PUT"))
                        : rows.insertTemplate(row))
                .thenReturn(CreatedResponse.created(TemplateView.of(row), URI.create("/api/scorecards/templates/" + row.id()))
                        .withEtag(0)));
    }

    @GetMapping("/templates")
    @Operation(summary = "The scorecard templates, one per role")
    Mono<List<TemplateView>> templates(Caller caller) {
        ReadAccess.require(caller);
        return rows.templates().map(TemplateView::of).collectList();
    }

    @GetMapping("/templates/{id}")
    @Operation(summary = "One scorecard template with its ETag")
    Mono<ResponseEntity<TemplateView>> template(Caller caller, @PathVariable UUID id) {
        ReadAccess.require(caller);
        return rows.template(id).switchIfEmpty(Mono.error(() -> ApiProblem.notFound("scorecard template")))
                .map(t -> Versions.withEtag(ResponseEntity.ok(), t.version()).body(TemplateView.of(t)));
    }

    @PutMapping("/templates/{id}")
    @Operation(summary = "Change a template's KPIs, weights or grade bands (ADMIN, DIRECTOR); If-Match required")
    Mono<ResponseEntity<TemplateView>> updateTemplate(Caller caller, @PathVariable UUID id, @RequestBody TemplateRequest request,
                                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requireAdmin(caller);
        return transactions.transactional(rows.template(id)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("scorecard template")))
                .flatMap(current -> {
                    long expected = Versions.requireIfMatch(ifMatch, current.version());
                    if (!current.role().equals(request.role())) {
                        throw ApiProblem.invalidField("role", "a template's role does not change");
                    }
                    TemplateRow changed = request.toRow(id, expected + 1);
                    return scorecards.template(changed)
                            .then(rows.updateTemplate(changed, expected)).doOnNext(Versions::requireUpdated)
                            .thenReturn(Versions.withEtag(ResponseEntity.ok(), expected + 1).body(TemplateView.of(changed)));
                }));
    }

    @PostMapping("/ratings")
    @Operation(summary = "A manager's soft rating (1 to 5) of a rep in their subtree for a period, with a comment; "
            + "the latest rating per rep, period and measure counts")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = RatingView.class)))
    Mono<ResponseEntity<String>> rate(Caller caller, @RequestBody RatingRequest request, ServerWebExchange exchange) {
        if (!caller.hasAnyRole(Role.MANAGER, Role.DIRECTOR, Role.ADMIN)) {
            throw new AccessDeniedException("only managers, directors and admins rate reps");
        }
        if (request.repId() == null) {
            throw ApiProblem.invalidField("repId", "required");
        }
        PeriodKey period = periodKey(request.periodKey());
        KpiMeasure measure;
        try {
            measure = KpiMeasure.valueOf(String.valueOf(request.measure()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("measure", "a soft-rating measure: CUSTOMER_SATISFACTION or TEAMWORK");
        }
        if (!measure.isManagerEntered()) {
            throw ApiProblem.unprocessable("not-a-soft-rating", measure + " comes from events, not from a manager's rating");
        }
        if (request.rating() == null || request.rating().compareTo(BigDecimal.ONE) < 0 || request.rating().compareTo(BigDecimal.valueOf(5)) > 0
                || request.rating().stripTrailingZeros().scale() > 2) {
            throw ApiProblem.invalidField("rating", "a rating from 1 to 5 with at most 2 decimals");
        }
        if (request.repId().equals(caller.repId())) {
            throw ApiProblem.unprocessable("self-rating", "a manager does not rate themselves");
        }
        ScorecardRows.RatingRow rating = new ScorecardRows.RatingRow(Ids.newId(), request.repId(), period.toString(),
                measure.name(), request.rating(), request.comment(), caller.sub());
        return requireVisibleRep(caller, request.repId())
                .then(rows.finalized(request.repId(), period.toString()).hasElement())
                .flatMap(finalized -> {
                    if (finalized) {
                        throw RuleViolation.stateConflict("scorecard-finalized",
                                "the scorecard of " + period + " is finalized; its ratings never change");
                    }
                    return creates.create(exchange, caller, request, () -> rows.upsertRating(rating, caller.repId())
                            .thenReturn(CreatedResponse.created(new RatingView(rating.id(), rating.repId(), rating.periodKey(),
                                    rating.measure(), rating.rating(), rating.comment(), rating.ratedBy()),
                                    URI.create("/api/scorecards/reps/" + rating.repId() + "?periodKey=" + period))));
                });
    }

    @GetMapping("/reps/{repId}")
    @Operation(summary = "A rep's scorecard for a period: live (recomputed from every event) or finalized, ranked in the team")
    Mono<ScorecardView> scorecard(Caller caller, @PathVariable UUID repId, @RequestParam String periodKey) {
        PeriodKey period = periodKey(periodKey);
        return requireVisibleRep(caller, repId).then(scorecards.scorecard(repId, period)).map(this::view);
    }

    @GetMapping("/units/{unitId}")
    @Operation(summary = "A team's (unit's) live scorecard for a period, scored with the MANAGER template: the unit's own "
            + "attainment, its sellers' deals, the average of its members' ratings; ranked among the units of the same parent")
    Mono<UnitScorecardView> unitScorecard(Caller caller, @PathVariable UUID unitId, @RequestParam String periodKey) {
        PeriodKey period = periodKey(periodKey);
        return requireVisibleUnit(caller, unitId).then(scorecards.unitScorecard(unitId, period)).map(card -> {
            ScorecardResult r = card.result();
            return new UnitScorecardView(card.unitId(), card.parentId(), card.periodKey(), "LIVE", card.template().id(),
                    card.template().name(), r.score(), r.grade(), card.rankAmongPeers(), card.peers(), kpiViews(r), card.members());
        });
    }

    @PostMapping("/finalize")
    @Operation(summary = "Finalize a team's scorecards for a period (MANAGER of the unit, DIRECTOR, ADMIN): stored, ranked, "
            + "ScorecardFinalized published; immutable after")
    Mono<List<FinalizedView>> finalizeTeam(Caller caller, @RequestBody FinalizeRequest request) {
        if (!caller.hasAnyRole(Role.MANAGER, Role.DIRECTOR, Role.ADMIN)) {
            throw new AccessDeniedException("only managers, directors and admins finalize scorecards");
        }
        if (request.unitId() == null) {
            throw ApiProblem.invalidField("unitId", "required");
        }
        PeriodKey period = periodKey(request.periodKey());
        return requireVisibleUnit(caller, request.unitId())
                .then(transactions.transactional(scorecards.finalizeTeam(request.unitId(), period, clock.today(), caller.sub())))
                .map(list -> list.stream().map(r -> new FinalizedView(r.id(), r.repId(), r.score(), r.grade(), r.rankInTeam(),
                        r.teamSize())).toList());
    }

    @GetMapping("/leaderboard")
    @Operation(summary = "The reps of a unit's subtree ranked by SCORE, BOOKINGS or ATTAINMENT_PERCENT for a period")
    Mono<List<Scorecards.Standing>> leaderboard(Caller caller, @RequestParam UUID unitId, @RequestParam String periodKey,
                                                @RequestParam(defaultValue = "SCORE") String metric) {
        PeriodKey period = periodKey(periodKey);
        return requireVisibleUnit(caller, unitId).then(scorecards.leaderboard(unitId, period, metric));
    }

    @GetMapping("/team-summary")
    @Operation(summary = "A unit's attainment distribution, share of reps at quota and who is behind pace, as of a date")
    Mono<Scorecards.TeamSummary> teamSummary(Caller caller, @RequestParam UUID unitId, @RequestParam String periodKey,
                                             @RequestParam(required = false) String asOf) {
        PeriodKey period = periodKey(periodKey);
        LocalDate on = AsOf.parse(asOf, clock);
        return requireVisibleUnit(caller, unitId).then(scorecards.teamSummary(unitId, period, on));
    }

    private ScorecardView view(Scorecards.RepScorecard card) {
        if (card.finalized() != null) {
            var f = card.finalized();
            return new ScorecardView(card.repId(), f.unitId(), f.periodKey(), "FINALIZED", f.templateId(), card.template().name(),
                    f.score(), f.grade(), f.rankInTeam(), f.teamSize(),
                    json.readValue(f.kpisJson(), new TypeReference<List<Map<String, Object>>>() { }), List.of());
        }
        ScorecardResult r = card.result();
        return new ScorecardView(card.repId(), card.unitId(), card.periodKey(), "LIVE", card.template().id(), card.template().name(),
                r.score(), r.grade(), card.rankInTeam(), card.teamSize(), kpiViews(r), card.unscoredTeammates());
    }

    private static List<KpiScoreView> kpiViews(ScorecardResult r) {
        return r.kpis().stream().map(k -> new KpiScoreView(k.kpi().id(), k.kpi().code(), k.kpi().name(), k.kpi().measure().name(),
                k.kpi().direction().name(), k.weightPercent(), k.actualValue(), k.score(), k.weightedScore())).toList();
    }

    private Mono<CallerScope> requireVisibleRep(Caller caller, UUID repId) {
        ReadAccess.require(caller);
        return scopes.resolve(caller, clock.today()).filter(scope -> scope.canSeeRep(repId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("rep")));
    }

    private Mono<CallerScope> requireVisibleUnit(Caller caller, UUID unitId) {
        ReadAccess.require(caller);
        return scopes.resolve(caller, clock.today()).filter(scope -> scope.canSeeUnit(unitId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("unit")));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)) {
            throw new AccessDeniedException("only directors and admins manage scorecard templates");
        }
    }

    static PeriodKey periodKey(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidField("periodKey", "required, e.g. FY2026-Q3");
        }
        try {
            return PeriodKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("periodKey", e.getMessage());
        }
    }
}
