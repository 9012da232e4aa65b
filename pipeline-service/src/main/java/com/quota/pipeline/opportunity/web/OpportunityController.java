package com.quota.pipeline.opportunity.web;

import com.quota.pipeline.opportunity.Dimensions;
import com.quota.pipeline.opportunity.Opportunity;
import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.opportunity.OwnerShare;
import com.quota.pipeline.opportunity.StageVisit;
import com.quota.pipeline.opportunity.application.ActivityRecord;
import com.quota.pipeline.opportunity.application.OpportunityUseCases;
import com.quota.pipeline.opportunity.application.OpportunityUseCases.OpportunityDraft;
import com.quota.pipeline.opportunity.application.OpportunityUseCases.OpportunityFilter;
import com.quota.pipeline.opportunity.application.OwnershipRecord;
import com.quota.pipeline.opportunity.application.StoredOpportunity;
import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.StageOutcome;
import com.quota.pipeline.web.Etags;
import com.quota.pipeline.web.PageView;
import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.Page;
import com.quota.api.audit.AuditEntryView;
import com.quota.api.audit.AuditTrail;
import com.quota.pipeline.audit.application.PipelineAudit;
import org.springframework.http.server.reactive.ServerHttpRequest;
import com.quota.api.idempotency.IdempotentCreates;
import org.springframework.web.server.ServerWebExchange;
import com.quota.resourceserver.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Opportunities: create, read, update (If-Match), and the lifecycle commands. A command takes an optional If-Match
 * (checked when sent); every answer carries the ETag of the new version.
 */
@RestController
@RequestMapping("/api/opportunities")
@Tag(name = "Opportunities")
@Validated
class OpportunityController {

    record MoneyBody(@NotNull BigDecimal amount, @NotBlank String currency) {
    }

    record OwnerBody(@NotNull UUID repId, @NotNull BigDecimal splitPercent, boolean primary) {
        OwnerShare share() {
            return new OwnerShare(repId, splitPercent, primary);
        }
    }

    record CreateRequest(@NotNull UUID accountId, @NotNull UUID pipelineId, @NotBlank @Size(max = 300) String title,
                         @NotNull @Valid MoneyBody amount, LocalDate expectedCloseDate,
                         @Size(max = 64) String productLine, @Size(max = 64) String region, @Size(max = 64) String channel,
                         @Size(max = 64) String customerSegment, List<@Valid @NotNull OwnerBody> owners,
                         @Size(max = 64) String stage, @Size(min = 1, max = 128) String externalRef) {
        OpportunityDraft draft(String ref) {
            return new OpportunityDraft(accountId, pipelineId, title, amount.amount(), amount.currency(), expectedCloseDate,
                    new Dimensions(productLine, region, channel, customerSegment),
                    owners == null ? null : owners.stream().map(OwnerBody::share).toList(), stage, ref);
        }
    }

    record UpdateRequest(@Size(min = 1, max = 300) String title, BigDecimal amount, LocalDate expectedCloseDate,
                         @Size(max = 64) String productLine, @Size(max = 64) String region, @Size(max = 64) String channel,
                         @Size(max = 64) String customerSegment) {
    }

    record StageMoveRequest(@Size(max = 64) String stage) {
    }

    record ReasonRequest(@Size(max = 2000) String reason) {
    }

    record TransferRequest(@NotNull UUID toRepId, @NotBlank @Size(max = 2000) String reason, LocalDate effectiveDate) {
    }

    record OwnersRequest(@NotEmpty List<@Valid @NotNull OwnerBody> owners, @NotBlank @Size(max = 2000) String reason,
                         LocalDate effectiveDate) {
    }

    record WinRequest(LocalDate closeDate, @Size(max = 2000) String reason) {
    }

    record LoseRequest(LocalDate closeDate, @NotBlank @Size(max = 2000) String reason,
                       @NotBlank @Size(max = 300) String competitor) {
    }

    record ReopenRequest(@Size(max = 64) String stage, @NotBlank @Size(max = 2000) String reason) {
    }

    record ActivityRequest(@NotBlank @Size(max = 64) String kind, @NotBlank @Size(max = 1000) String subject,
                           LocalDate occurredOn, @Valid MoneyBody cost) {
    }

    record OpportunityStageView(UUID stageId, String code, String name, int probability, ForecastCategory forecastCategory,
                     StageOutcome closedAs) {
    }

    record MoneyView(String amount, String currency) {
    }

    record OwnerView(UUID repId, String splitPercent, boolean primary) {
    }

    record OpportunityView(UUID id, UUID accountId, UUID pipelineId, String title, MoneyView amount,
                           LocalDate expectedCloseDate, Dimensions dimensions, List<OwnerView> owners, OpportunityStageView stage,
                           LocalDate stageEnteredOn, OpportunityStatus status, LocalDate closeDate, MoneyView reportingAmount,
                           String fxRate, LocalDate fxRateDate, String winReason, String lossReason, String competitor,
                           String externalRef, LocalDate createdOn, long version) {
        static OpportunityView of(StoredOpportunity s) {
            Opportunity o = s.opportunity();
            return new OpportunityView(o.id(), o.accountId(), o.pipeline().id(), o.title(),
                    new MoneyView(o.amount().toPlainString(), o.currency().getCurrencyCode()), o.expectedCloseDate(),
                    o.dimensions(), o.owners().shares().stream().map(sh -> new OwnerView(sh.repId(),
                            sh.splitPercent().stripTrailingZeros().toPlainString(), sh.primary())).toList(),
                    new OpportunityStageView(o.stage().id(), o.stage().code(), o.stage().name(), o.stage().probability(),
                            o.stage().forecastCategory(), o.stage().closedAs()),
                    o.stageEnteredOn(), o.status(), o.closeDate(),
                    o.wonFx() == null ? null : new MoneyView(o.wonReportingAmount().setScale(
                            o.wonFx().reportingCurrency().getDefaultFractionDigits()).toPlainString(),
                            o.wonFx().reportingCurrency().getCurrencyCode()),
                    o.wonFx() == null ? null : o.wonFx().rate().toPlainString(),
                    o.wonFx() == null ? null : o.wonFx().rateDate(), s.winReason(), s.lossReason(), s.competitor(),
                    o.externalRef(), s.createdOn(), s.version());
        }
    }

    record StageVisitView(UUID stageId, String code, String name, int probability, ForecastCategory forecastCategory,
                          StageOutcome closedAs, LocalDate enteredOn, Instant enteredAt, LocalDate leftOn, Instant leftAt) {
        static StageVisitView of(StageVisit v) {
            return new StageVisitView(v.stage().id(), v.stage().code(), v.stage().name(), v.stage().probability(),
                    v.stage().forecastCategory(), v.stage().closedAs(), v.enteredOn(), v.enteredAt(), v.leftOn(), v.leftAt());
        }
    }

    record OwnershipView(String kind, Object previousOwners, Object owners, String reason, LocalDate effectiveDate,
                         String actor, Instant at) {
    }

    record ActivityView(UUID id, String kind, String subject, LocalDate occurredOn, MoneyView cost, MoneyView reportingCost,
                        String fxRate, LocalDate fxRateDate, String actor, Instant createdAt) {
        static ActivityView of(ActivityRecord a) {
            boolean costed = a.costAmount() != null && a.reportingCostAmount() != null;
            return new ActivityView(a.id(), a.kind(), a.subject(), a.occurredOn(),
                    a.costAmount() == null ? null : new MoneyView(minorUnit(a.costAmount(), a.costCurrency()), a.costCurrency()),
                    costed ? new MoneyView(minorUnit(a.reportingCostAmount(), a.reportingCurrency()), a.reportingCurrency()) : null,
                    costed ? a.fxRate().stripTrailingZeros().toPlainString() : null, costed ? a.fxRateDate() : null,
                    a.actor(), a.createdAt());
        }

        private static String minorUnit(java.math.BigDecimal amount, String currency) {
            return amount.setScale(java.util.Currency.getInstance(currency.strip()).getDefaultFractionDigits(),
                    java.math.RoundingMode.HALF_EVEN).toPlainString();
        }
    }

    private final OpportunityUseCases opportunities;
    private final tools.jackson.databind.json.JsonMapper json;
    private final IdempotentCreates creates;

    private final AuditTrail auditTrail;

    OpportunityController(OpportunityUseCases opportunities, tools.jackson.databind.json.JsonMapper json, IdempotentCreates creates,
                          AuditTrail auditTrail) {
        this.opportunities = opportunities;
        this.json = json;
        this.creates = creates;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/{id}/audit")
    @Operation(summary = "The audit trail of an opportunity (in scope): every command, who, when, before and after, and "
            + "why; newest first, paged, sort=occurredAt|action|actor")
    Mono<Page<AuditEntryView>> audit(Caller caller, @PathVariable UUID id, ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return opportunities.get(caller, id).then(auditTrail.of(PipelineAudit.OPPORTUNITY, id, query));
    }

    @PostMapping
    @Operation(summary = "Create an opportunity (owners default to the calling rep at 100%; 409 on a duplicate externalRef)")
    Mono<ResponseEntity<String>> create(Caller caller, @Valid @RequestBody CreateRequest request, ServerWebExchange exchange) {
        // Idempotency-Key: a retry answers the first response byte for byte and creates nothing twice
        return creates.create(exchange, caller, request, () -> opportunities.create(caller, request.draft(request.externalRef()))
                .map(s -> CreatedResponse.created(OpportunityView.of(s), URI.create("/api/opportunities/" + s.opportunity().id()))
                        .withEtag(s.version())));
    }

    @PutMapping("/by-external-ref/{externalRef}")
    @Operation(summary = "CRM upsert by externalRef: create, or update title, amount, close date and dimensions")
    Mono<ResponseEntity<OpportunityView>> upsert(Caller caller, @PathVariable String externalRef,
                                                 @Valid @RequestBody CreateRequest request) {
        return ok(opportunities.upsertByExternalRef(caller, request.draft(externalRef)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One opportunity in the caller's scope")
    Mono<ResponseEntity<OpportunityView>> get(Caller caller, @PathVariable UUID id) {
        return ok(opportunities.get(caller, id));
    }

    @GetMapping
    @Operation(summary = "Opportunities in scope, filtered (status, ownerRepId, accountId, pipelineId, externalRef), paged, "
            + "sorted by sort=field,asc|desc (createdAt, updatedAt, title, amount, expectedCloseDate, closeDate, status, "
            + "stageEnteredOn; default createdAt,desc)")
    Mono<PageView<OpportunityView>> list(Caller caller, @RequestParam(required = false) OpportunityStatus status,
                                         @RequestParam(required = false) UUID ownerRepId,
                                         @RequestParam(required = false) UUID accountId,
                                         @RequestParam(required = false) UUID pipelineId,
                                         @RequestParam(required = false) String externalRef,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                         @RequestParam(required = false) List<String> sort, ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, OpportunityUseCases.SORT_FIELDS, OpportunityUseCases.DEFAULT_SORT);
        return opportunities.list(caller, new OpportunityFilter(status, ownerRepId, accountId, pipelineId, externalRef), query)
                .map(p -> PageView.of(p.items().stream().map(OpportunityView::of).toList(), page, size, p.total()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change title, amount, expected close date, dimensions (If-Match required)")
    Mono<ResponseEntity<OpportunityView>> update(Caller caller, @PathVariable UUID id,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody UpdateRequest r) {
        return ok(Mono.fromCallable(() -> Etags.expectedVersion(ifMatch)).flatMap(v -> opportunities.update(caller, id, v,
                r.title(), r.amount(), r.expectedCloseDate(),
                r.productLine() == null && r.region() == null && r.channel() == null && r.customerSegment() == null ? null
                        : new Dimensions(r.productLine(), r.region(), r.channel(), r.customerSegment()))));
    }

    @PostMapping("/{id}/advance")
    @Operation(summary = "Advance to a later stage (the next one when none is named)")
    Mono<ResponseEntity<OpportunityView>> advance(Caller caller, @PathVariable UUID id,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody(required = false) StageMoveRequest request) {
        return ok(opportunities.advance(caller, id, version(ifMatch), request == null ? null : request.stage()));
    }

    @PostMapping("/{id}/move-back")
    @Operation(summary = "Move back to an earlier stage (the previous one when none is named)")
    Mono<ResponseEntity<OpportunityView>> moveBack(Caller caller, @PathVariable UUID id,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody(required = false) StageMoveRequest request) {
        return ok(opportunities.moveBack(caller, id, version(ifMatch), request == null ? null : request.stage()));
    }

    @PostMapping("/{id}/transfer")
    @Operation(summary = "Transfer to another rep with a reason; stage, history and follow-ups stay")
    Mono<ResponseEntity<OpportunityView>> transfer(Caller caller, @PathVariable UUID id,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody TransferRequest request) {
        return ok(opportunities.transfer(caller, id, version(ifMatch),
                List.of(new OwnerShare(request.toRepId(), BigDecimal.valueOf(100), true)), request.reason(), request.effectiveDate()));
    }

    @PutMapping("/{id}/owners")
    @Operation(summary = "Set co-owners and splits (sum 100, one primary) with a reason; If-Match required")
    Mono<ResponseEntity<OpportunityView>> owners(Caller caller, @PathVariable UUID id,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody OwnersRequest request) {
        // a PUT: If-Match is required (428 without), as for every PUT update
        return ok(Mono.fromCallable(() -> Etags.expectedVersion(ifMatch)).flatMap(v -> opportunities.changeOwners(caller, id, v,
                request.owners().stream().map(OwnerBody::share).toList(), request.reason(), request.effectiveDate())));
    }

    @PostMapping("/{id}/suspend")
    @Operation(summary = "Suspend (leaves the forecast)")
    Mono<ResponseEntity<OpportunityView>> suspend(Caller caller, @PathVariable UUID id,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody(required = false) ReasonRequest request) {
        return ok(opportunities.suspend(caller, id, version(ifMatch), reason(request)));
    }

    @PostMapping("/{id}/reactivate")
    @Operation(summary = "Reactivate a suspended opportunity")
    Mono<ResponseEntity<OpportunityView>> reactivate(Caller caller, @PathVariable UUID id,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody(required = false) ReasonRequest request) {
        return ok(opportunities.reactivate(caller, id, version(ifMatch), reason(request)));
    }

    @PostMapping("/{id}/terminate")
    @Operation(summary = "Terminate for good (reason required); only archiving follows")
    Mono<ResponseEntity<OpportunityView>> terminate(Caller caller, @PathVariable UUID id,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody(required = false) ReasonRequest request) {
        return ok(opportunities.terminate(caller, id, version(ifMatch), reason(request)));
    }

    @PostMapping("/{id}/win")
    @Operation(summary = "Win on closeDate (default today); the reporting amount is fixed from the FX table (422 without a rate)")
    Mono<ResponseEntity<OpportunityView>> win(Caller caller, @PathVariable UUID id,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody(required = false) WinRequest request) {
        return ok(opportunities.win(caller, id, version(ifMatch), request == null ? null : request.closeDate(),
                request == null ? null : request.reason()));
    }

    @PostMapping("/{id}/lose")
    @Operation(summary = "Lose with the loss review: reason and the winning competitor; closeDate not in the future")
    Mono<ResponseEntity<OpportunityView>> lose(Caller caller, @PathVariable UUID id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody LoseRequest request) {
        return ok(opportunities.lose(caller, id, version(ifMatch), request.closeDate(), request.reason(), request.competitor()));
    }

    @PostMapping("/{id}/reopen")
    @Operation(summary = "Reopen a won or lost opportunity into an open stage (default: the stage it closed from)")
    Mono<ResponseEntity<OpportunityView>> reopen(Caller caller, @PathVariable UUID id,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody ReopenRequest request) {
        return ok(opportunities.reopen(caller, id, version(ifMatch), request.stage(), request.reason()));
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "Archive a won, lost or terminated opportunity")
    Mono<ResponseEntity<OpportunityView>> archive(Caller caller, @PathVariable UUID id,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody(required = false) ReasonRequest request) {
        return ok(opportunities.archive(caller, id, version(ifMatch), reason(request)));
    }

    @GetMapping("/{id}/stage-history")
    @Operation(summary = "Every stay in a stage, oldest first, with the stage as it was configured then")
    Mono<PageView<StageVisitView>> stageHistory(Caller caller, @PathVariable UUID id) {
        return opportunities.stageHistory(caller, id).map(StageVisitView::of).collectList().map(PageView::all);
    }

    @GetMapping("/{id}/ownership-history")
    @Operation(summary = "Every change of owners and splits, oldest first")
    Mono<PageView<OwnershipView>> ownershipHistory(Caller caller, @PathVariable UUID id) {
        return opportunities.ownershipHistory(caller, id)
                .map(r -> new OwnershipView(r.kind(), r.previousOwnersJson() == null ? null : json.readTree(r.previousOwnersJson()),
                        json.readTree(r.ownersJson()), r.reason(), r.effectiveDate(), r.actor(), r.at()))
                .collectList().map(PageView::all);
    }

    @PostMapping("/{id}/activities")
    @Operation(summary = "Log a follow-up activity with its cost: its reporting cost is fixed at the rate of its day (422 "
            + "fx-rate-missing without one) and OpportunityActivityLogged is published")
    Mono<ResponseEntity<ActivityView>> addActivity(Caller caller, @PathVariable UUID id, @Valid @RequestBody ActivityRequest request) {
        return opportunities.addActivity(caller, id, request.kind(), request.subject(), request.occurredOn(),
                        request.cost() == null ? null : request.cost().amount(), request.cost() == null ? null : request.cost().currency())
                .map(a -> ResponseEntity.created(URI.create("/api/opportunities/" + id + "/activities/" + a.id()))
                        .body(ActivityView.of(a)));
    }

    @GetMapping("/{id}/activities")
    @Operation(summary = "The follow-up activities, oldest first")
    Mono<PageView<ActivityView>> activities(Caller caller, @PathVariable UUID id) {
        return opportunities.activities(caller, id).map(ActivityView::of).collectList().map(PageView::all);
    }

    private static Long version(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : Etags.expectedVersion(ifMatch);
    }

    private static String reason(ReasonRequest request) {
        return request == null ? null : request.reason();
    }

    private static Mono<ResponseEntity<OpportunityView>> ok(Mono<StoredOpportunity> result) {
        return result.map(s -> ResponseEntity.ok().eTag(Etags.of(s.version())).body(OpportunityView.of(s)));
    }
}
