package com.quota.performance.commission.web;

import com.quota.api.audit.AuditEntryView;
import com.quota.api.audit.AuditTrail;
import com.quota.api.company.AsOf;
import com.quota.api.company.CompanyClock;
import com.quota.api.concurrency.Versions;
import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.ids.Ids;
import com.quota.api.paging.Page;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.SortFields;
import com.quota.api.problem.ApiProblem;
import com.quota.calendar.PeriodKey;
import com.quota.money.Money;
import com.quota.money.Percentages;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.orgdirectory.scope.SqlPredicate;
import com.quota.performance.commission.CommissionStatement;
import com.quota.performance.commission.PlanAssignment;
import com.quota.performance.commission.application.CommissionPlans;
import com.quota.performance.commission.application.CommissionStatements;
import com.quota.performance.commission.persistence.PlanRows;
import com.quota.performance.commission.persistence.StatementRows;
import com.quota.performance.commission.web.CommissionJson.AssignmentRequest;
import com.quota.performance.commission.web.CommissionJson.AssignmentView;
import com.quota.performance.commission.web.CommissionJson.EstimateView;
import com.quota.performance.commission.web.CommissionJson.IssueRequest;
import com.quota.performance.commission.web.CommissionJson.LineView;
import com.quota.performance.commission.web.CommissionJson.MoneyJson;
import com.quota.performance.commission.web.CommissionJson.PlanRequest;
import com.quota.performance.commission.web.CommissionJson.PlanView;
import com.quota.performance.commission.web.CommissionJson.StatementView;
import com.quota.performance.commission.web.CommissionJson.TierJson;
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

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Commission plans, their assignment to reps, statements (draft, approval and issue) and the estimator. */
@RestController
@RequestMapping("/api/commissions")
@Tag(name = "Commissions")
class CommissionController {

    private static final SortFields PLAN_SORT = SortFields.of(Map.of("name", "name", "effectiveFrom", "effective_from"));
    private static final SortFields STATEMENT_SORT = SortFields.of(Map.of("issuedDate", "s.issued_date",
            "statementPeriodKey", "s.statement_period_key"));

    private final CommissionPlans plans;
    private final PlanRows planRows;
    private final CommissionStatements statements;
    private final StatementRows statementRows;
    private final IdempotentCreates creates;
    private final AuditTrail auditTrail;
    private final ScopeResolver scopes;
    private final CompanyClock clock;

    CommissionController(CommissionPlans plans, PlanRows planRows, CommissionStatements statements, StatementRows statementRows,
                         IdempotentCreates creates, AuditTrail auditTrail, ScopeResolver scopes, CompanyClock clock) {
        this.plans = plans;
        this.planRows = planRows;
        this.statements = statements;
        this.statementRows = statementRows;
        this.creates = creates;
        this.auditTrail = auditTrail;
        this.scopes = scopes;
        this.clock = clock;
    }

    @PostMapping("/plans")
    @Operation(summary = "Create a commission plan (ADMIN, DIRECTOR); Idempotency-Key honoured; audited")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = PlanView.class)))
    Mono<ResponseEntity<String>> createPlan(Caller caller, @RequestBody PlanRequest request, ServerWebExchange exchange) {
        requirePlanAdmin(caller);
        var plan = request.toPlan(Ids.newId());
        return creates.create(exchange, caller, request, () -> plans.create(caller, plan)
                .map(stored -> CreatedResponse.created(PlanView.of(stored.plan(), stored.version()),
                        URI.create("/api/commissions/plans/" + plan.id())).withEtag(stored.version())));
    }

    @GetMapping("/plans")
    @Operation(summary = "Commission plans, paged (sort by name or effectiveFrom)")
    Mono<Page<PlanView>> listPlans(Caller caller, ServerWebExchange exchange) {
        ReadAccess.require(caller);
        PageQuery query = PageQuery.from(exchange.getRequest(), PLAN_SORT, "name,asc");
        return Mono.zip(planRows.page(query.orderByLimitOffsetSql()).map(p -> PlanView.of(p.plan(), p.version())).collectList(),
                        planRows.count())
                .map(t -> Page.of(t.getT1(), query, t.getT2()));
    }

    @GetMapping("/plans/{id}")
    @Operation(summary = "One commission plan with its ETag")
    Mono<ResponseEntity<PlanView>> plan(Caller caller, @PathVariable UUID id) {
        ReadAccess.require(caller);
        return plans.find(id).map(p -> Versions.withEtag(ResponseEntity.ok(), p.version()).body(PlanView.of(p.plan(), p.version())));
    }

    @PutMapping("/plans/{id}")
    @Operation(summary = "Change a plan's terms (ADMIN, DIRECTOR); If-Match required; audited with the reason")
    Mono<ResponseEntity<PlanView>> updatePlan(Caller caller, @PathVariable UUID id, @RequestBody PlanRequest request,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requirePlanAdmin(caller);
        var changed = request.toPlan(id);
        return plans.update(caller, id, ifMatch, changed, request.reason())
                .map(p -> Versions.withEtag(ResponseEntity.ok(), p.version()).body(PlanView.of(p.plan(), p.version())));
    }

    @GetMapping("/plans/{id}/audit")
    @Operation(summary = "Who changed the plan, when, from what to what, and why")
    Mono<Page<AuditEntryView>> planAudit(Caller caller, @PathVariable UUID id, ServerWebExchange exchange) {
        requirePlanAdmin(caller);
        PageQuery query = PageQuery.from(exchange.getRequest(), AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return plans.find(id).then(auditTrail.of("CommissionPlan", id, query));
    }

    @PostMapping("/plans/{id}/assignments")
    @Operation(summary = "Assign the plan to a rep from a date (ADMIN, DIRECTOR); Idempotency-Key honoured; audited")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    Mono<ResponseEntity<String>> assign(Caller caller, @PathVariable UUID id, @RequestBody AssignmentRequest request,
                                        ServerWebExchange exchange) {
        requirePlanAdmin(caller);
        if (request.repId() == null) {
            throw ApiProblem.invalidField("repId", "required");
        }
        if (request.effectiveFrom() == null) {
            throw ApiProblem.invalidField("effectiveFrom", "required");
        }
        var assignment = new PlanAssignment(Ids.newId(), id, request.repId(), request.effectiveFrom(), request.effectiveTo());
        return creates.create(exchange, caller, request, () -> plans.assign(caller, assignment)
                .map(a -> CreatedResponse.created(new AssignmentView(a.id(), a.planId(), a.repId(), a.effectiveFrom(), a.effectiveTo()),
                        URI.create("/api/commissions/plans/" + id + "/assignments/" + a.id()))));
    }

    @GetMapping("/plans/{id}/assignments")
    @Operation(summary = "The reps a plan is assigned to (those in the caller's scope)")
    Mono<List<AssignmentView>> assignments(Caller caller, @PathVariable UUID id) {
        ReadAccess.require(caller);
        return plans.find(id).then(scopes.resolve(caller, clock.today())).flatMap(scope -> planRows.assignmentsOf(id)
                .filter(a -> scope.canSeeRep(a.repId()))
                .map(a -> new AssignmentView(a.id(), a.planId(), a.repId(), a.effectiveFrom(), a.effectiveTo()))
                .collectList());
    }

    @GetMapping("/statements/draft")
    @Operation(summary = "The live draft of a rep's statement for a period (month, quarter or year): every pending line")
    Mono<StatementView> draft(Caller caller, @RequestParam UUID repId, @RequestParam String periodKey) {
        PeriodKey period = periodKey(periodKey);
        return requireVisibleRep(caller, repId).then(statements.draft(repId, period)).map(CommissionController::view);
    }

    @PostMapping("/statements")
    @Operation(summary = "Approve and issue a rep's statement for a period (MANAGER of the rep, DIRECTOR, ADMIN): lines freeze, "
            + "CommissionStatementIssued is published; Idempotency-Key honoured")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = StatementView.class)))
    Mono<ResponseEntity<String>> issue(Caller caller, @RequestBody IssueRequest request, ServerWebExchange exchange) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER)) {
            throw new AccessDeniedException("only a manager of the rep, a director or an admin approves statements");
        }
        if (request.repId() == null) {
            throw ApiProblem.invalidField("repId", "required");
        }
        PeriodKey period = periodKey(request.periodKey());
        String externalRef = request.externalRef() == null || request.externalRef().isBlank() ? null : request.externalRef().strip();
        if (externalRef != null && externalRef.length() > 200) {
            throw ApiProblem.invalidField("externalRef", "at most 200 characters");
        }
        return requireVisibleRep(caller, request.repId()).then(creates.create(exchange, caller, request,
                () -> statements.issue(request.repId(), period, clock.today(), caller.sub())
                        .flatMap(stored -> externalRef == null ? Mono.just(stored)
                                : statementRows.tag(stored.header().id(), externalRef).thenReturn(stored))
                        .map(stored -> CreatedResponse.created(view(stored),
                                URI.create("/api/commissions/statements/" + stored.header().id())))));
    }

    @GetMapping("/statements")
    @Operation(summary = "Issued statements of the reps in the caller's scope (optionally one rep, or the one with an externalRef), paged")
    Mono<Page<StatementView>> listStatements(Caller caller, @RequestParam(required = false) UUID repId,
                                             @RequestParam(required = false) String externalRef, ServerWebExchange exchange) {
        ReadAccess.require(caller);
        PageQuery query = PageQuery.from(exchange.getRequest(), STATEMENT_SORT, "issuedDate,desc");
        return scopes.resolve(caller, clock.today()).flatMap(scope -> {
            SqlPredicate visible = scope.repPredicate("s.rep_id");
            if (repId != null) {
                visible = visible.and(new SqlPredicate("s.rep_id = :repId", Map.of("repId", repId)));
            }
            if (externalRef != null) {
                visible = visible.and(new SqlPredicate("s.external_ref = :externalRef", Map.of("externalRef", externalRef)));
            }
            SqlPredicate predicate = visible;
            return Mono.zip(statementRows.headers(predicate.sql(), predicate.binds(), query.orderByLimitOffsetSql())
                                    .map(h -> headerView(h, List.of())).collectList(),
                            statementRows.count(predicate.sql(), predicate.binds()))
                    .map(t -> Page.of(t.getT1(), query, t.getT2()));
        });
    }

    @GetMapping("/statements/{id}")
    @Operation(summary = "One issued statement with every line")
    Mono<StatementView> statement(Caller caller, @PathVariable UUID id) {
        ReadAccess.require(caller);
        return statementRows.find(id)
                .filterWhen(s -> scopes.resolve(caller, clock.today()).map(scope -> scope.canSeeRep(s.header().repId())))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("statement")))
                .map(CommissionController::view);
    }

    @GetMapping("/estimate")
    @Operation(summary = "What would a deal of this amount pay the rep now? The one rule on the live ledger; nothing is written")
    Mono<EstimateView> estimate(Caller caller, @RequestParam UUID repId, @RequestParam String amount,
                                @RequestParam(required = false) String currency, @RequestParam(required = false) String asOf) {
        LocalDate on = AsOf.parse(asOf, clock);
        Money money;
        try {
            money = Money.ofExact(new BigDecimal(amount), CommissionJson.currency(currency == null ? "CNY" : currency, "currency"));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("amount", "a decimal amount");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("amount", e.getMessage());
        }
        if (!money.isPositive()) {
            throw ApiProblem.invalidField("amount", "an open deal's amount is positive");
        }
        Money deal = money;
        return requireVisibleRep(caller, repId).then(statements.estimate(repId, deal, on)).map(e -> new EstimateView(
                e.plan().id(), e.plan().mode().name(), e.planPeriodKey(), MoneyJson.of(e.quota()), MoneyJson.of(e.cumulativeBefore()),
                MoneyJson.of(e.cumulativeAfter()),
                e.tier() == null ? null : new TierJson(e.tier().fromPercent(), e.tier().toPercent(), e.ratePercent()),
                e.ratePercent(), MoneyJson.of(e.payout())));
    }

    private Mono<CallerScope> requireVisibleRep(Caller caller, UUID repId) {
        ReadAccess.require(caller);
        return scopes.resolve(caller, clock.today())
                .filter(scope -> scope.canSeeRep(repId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("rep")));
    }

    private static void requirePlanAdmin(Caller caller) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)) {
            throw new AccessDeniedException("only directors and admins manage commission plans");
        }
    }

    static PeriodKey periodKey(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidField("periodKey", "required, e.g. FY2026-M11");
        }
        try {
            return PeriodKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("periodKey", e.getMessage());
        }
    }

    private static StatementView view(CommissionStatement draft) {
        BigDecimal attainment = draft.quota() == null ? null : Percentages.percent(draft.creditedToDate().amount(), draft.quota().amount());
        return new StatementView(null, draft.repId(), draft.plan().id(), draft.planPeriodKey(), draft.statementPeriodKey(),
                draft.status().name(), draft.issuedDate(), MoneyJson.of(draft.quota()), MoneyJson.of(draft.creditedToDate()),
                attainment, MoneyJson.of(draft.payout()), MoneyJson.of(draft.previousPayoutToDate()),
                MoneyJson.of(draft.payoutToDate()), draft.lines().stream().map(l -> LineView.of(null, l)).toList());
    }

    private static StatementView view(StatementRows.StoredStatement stored) {
        return headerView(stored.header(), stored.lines().stream().map(l -> LineView.of(l.id(), l.line())).toList());
    }

    private static StatementView headerView(StatementRows.StatementHeader h, List<LineView> lines) {
        var currency = h.currency();
        BigDecimal attainment = h.quota() == null ? null : Percentages.percent(h.creditedToDate(), h.quota());
        return new StatementView(h.id(), h.repId(), h.planId(), h.planPeriodKey(), h.statementPeriodKey(), h.status(),
                h.issuedDate(), h.quota() == null ? null : MoneyJson.of(Money.of(h.quota(), currency)),
                MoneyJson.of(Money.of(h.creditedToDate(), currency)), attainment, MoneyJson.of(Money.of(h.payout(), currency)),
                MoneyJson.of(Money.of(h.previousPayout(), currency)), MoneyJson.of(Money.of(h.payoutToDate(), currency)), lines);
    }
}
