package com.quota.contract.web;

import com.quota.api.audit.AuditEntryView;
import com.quota.api.audit.AuditTrail;
import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.paging.Page;
import com.quota.api.paging.Csv;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.SortFields;
import com.quota.contract.execution.Instalment;
import com.quota.contract.execution.Milestone;
import com.quota.contract.lifecycle.Amendment;
import com.quota.contract.lifecycle.Contract;
import com.quota.contract.lifecycle.ContractVersion;
import com.quota.contract.lifecycle.OwnerShare;
import com.quota.contract.persistence.ContractQueries;
import com.quota.contract.rules.RuleViolation;
import com.quota.contract.application.ContractService;
import com.quota.contract.application.Versions;
import com.quota.contract.web.ContractJson.*;
import com.quota.messaging.outbox.EventIds;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/** {@code /api/contracts}: drafting, the lifecycle, amendments and versions, milestones, payment plans and payments. */
@RestController
@RequestMapping("/api/contracts")
@Tag(name = "contracts", description = "Contract lifecycle, approvals, amendments, execution and payments")
class ContractController {

    private final ContractService contracts;
    private final ContractQueries queries;
    private final IdempotentCreates creates;
    private final AuditTrail auditTrail;

    ContractController(ContractService contracts, ContractQueries queries, IdempotentCreates creates, AuditTrail auditTrail) {
        this.contracts = contracts;
        this.queries = queries;
        this.creates = creates;
        this.auditTrail = auditTrail;
    }

    // ---- drafting and reading ----

    @Operation(summary = "Draft a contract from a won opportunity (owners, currency, rate inherited) or standalone; Idempotency-Key accepted")
    @PostMapping
    Mono<ResponseEntity<String>> create(Caller caller, @Valid @RequestBody CreateContract body, ServerWebExchange exchange) {
        List<OwnerShare> owners = body.owners() == null ? null : body.owners().stream().map(OwnerBody::toShare).toList();
        return creates.create(exchange, caller, body, () -> contracts.create(caller, new ContractService.NewContract(body.opportunityId(),
                        body.accountId(), body.title(), owners, body.dimensions() == null ? null : body.dimensions().toDimensions(),
                        body.value() == null ? null : body.value().toMoney(), body.terms(), body.startDate(), body.endDate(),
                        body.externalRef()))
                .map(c -> CreatedResponse.created(ContractView.of(c, contracts.today()), URI.create("/api/contracts/" + c.id()))
                        .withEtag(c.rowVersion())));
    }

    @Operation(summary = "The audit trail of a contract: who changed what, when and why (newest first)")
    @GetMapping("/{id}/audit")
    Mono<Page<AuditEntryView>> audit(Caller caller, @PathVariable UUID id, ServerWebExchange exchange) {
        PageQuery query = PageQuery.from(exchange.getRequest(), AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return contracts.get(caller, id).then(auditTrail.of("contract", id, query));
    }

    @Operation(summary = "A contract with its approvals, milestones, payment plan and collection figures as of a date")
    @GetMapping("/{id}")
    Mono<ResponseEntity<ContractView>> get(Caller caller, @PathVariable UUID id, @RequestParam(required = false) LocalDate asOf) {
        return contracts.get(caller, id).map(c -> view(c, asOf));
    }

    private static final SortFields SORT = SortFields.of(ContractQueries.SORT_FIELDS);

    @Operation(summary = "Contracts by customer, opportunity, owner, status and signing date range; paged")
    @GetMapping
    Mono<Page<ContractListItem>> list(Caller caller, ServerWebExchange exchange, @RequestParam(required = false) UUID accountId,
                                      @RequestParam(required = false) UUID opportunityId,
                                      @RequestParam(required = false) UUID ownerRepId,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) LocalDate signedFrom,
                                      @RequestParam(required = false) LocalDate signedTo,
                                      @RequestParam(required = false) String externalRef,
                                      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                      @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.from(exchange.getRequest(), SORT, "createdAt,desc");
        ContractQueries.Filter filter = filter(accountId, opportunityId, ownerRepId, status, signedFrom, signedTo, externalRef);
        return contracts.scopeOf(caller).flatMap(scope -> {
            ContractService.requireRead(scope);
            var predicate = scope.repPredicate(ContractQueries.OWNERS_SQL);
            String orderLimitOffset = query.orderBySql("c.id") + " LIMIT " + query.size() + " OFFSET " + query.offset();
            return Mono.zip(queries.rows(filter, predicate, orderLimitOffset).map(ContractListItem::of).collectList(),
                            queries.count(filter, predicate))
                    .map(t -> Page.of(t.getT1(), query, t.getT2()));
        });
    }

    @Operation(summary = "The contracts in scope as streamed CSV (same filters as the list)")
    @GetMapping(value = "/export", produces = "text/csv")
    Mono<ResponseEntity<Flux<String>>> export(Caller caller, @RequestParam(required = false) UUID accountId,
                                              @RequestParam(required = false) UUID opportunityId,
                                              @RequestParam(required = false) UUID ownerRepId,
                                              @RequestParam(required = false) String status,
                                              @RequestParam(required = false) LocalDate signedFrom,
                                              @RequestParam(required = false) LocalDate signedTo) {
        ContractQueries.Filter filter = filter(accountId, opportunityId, ownerRepId, status, signedFrom, signedTo, null);
        return contracts.scopeOf(caller).map(scope -> {
            ContractService.requireRead(scope);
            Flux<List<String>> rows = queries.rows(filter, scope.repPredicate(ContractQueries.OWNERS_SQL), " ORDER BY c.created_at, c.id")
                    .map(r -> java.util.Arrays.asList(text(r.id()), r.number(), r.title(), r.status(), text(r.accountId()), text(r.opportunityId()),
                            r.value().stripTrailingZeros().toPlainString(), r.currency(), r.reportingValue().stripTrailingZeros().toPlainString(),
                            r.reportingCurrency(), r.collected().stripTrailingZeros().toPlainString(), text(r.signedDate()),
                            String.valueOf(r.version()), r.externalRef()));
            return Csv.stream("contracts.csv", List.of("id", "contractNumber", "title", "status", "accountId", "opportunityId",
                    "value", "currency", "reportingValue", "reportingCurrency", "collected", "signedDate", "version", "externalRef"), rows);
        });
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @Operation(summary = "Count and reporting value by status; signed and collected in a date range (default: this month)")
    @GetMapping("/summary")
    Mono<Object> summary(Caller caller, @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        LocalDate today = contracts.today();
        LocalDate start = from != null ? from : today.withDayOfMonth(1);
        LocalDate end = to != null ? to : today;
        if (end.isBefore(start)) {
            return Mono.error(RuleViolation.badRequest("invalid-dates", "to is before from"));
        }
        return contracts.scopeOf(caller).flatMap(scope -> {
            ContractService.requireRead(scope);
            return queries.summary(scope.repPredicate(ContractQueries.OWNERS_SQL), start, end).map(m -> {
                m.put("from", start);
                m.put("to", end);
                m.put("reportingCurrency", contracts.reportingCurrency().getCurrencyCode());
                return m;
            });
        });
    }

    @Operation(summary = "The pending-approvals inbox: contracts whose open step the caller may decide")
    @GetMapping("/pending-approvals")
    Mono<List<ContractView>> pendingApprovals(Caller caller) {
        List<String> roles = new ArrayList<>();
        for (Role role : List.of(Role.MANAGER, Role.DIRECTOR, Role.ADMIN)) {
            if (caller.hasRole(role)) {
                roles.add(role.name());
            }
        }
        LocalDate today = contracts.today();
        return contracts.scopeOf(caller).flatMap(scope -> {
            // a client without contracts.read is refused like on every other read, not answered an empty inbox
            ContractService.requireRead(scope);
            if (roles.isEmpty()) {
                return Mono.just(List.<ContractView>of());
            }
            return queries.pendingFor(roles, caller.sub(), scope.repPredicate(ContractQueries.OWNERS_SQL))
                    .concatMap(id -> contracts.get(caller, id))
                    // a MANAGER step is for a manager of the owner's unit; the subtree scope already narrows it
                    .filter(c -> !Objects.equals(c.submittedBy() == null ? null : c.submittedBy().subject(), caller.sub()))
                    .map(c -> ContractView.of(c, today)).collectList();
        });
    }

    // ---- lifecycle ----

    @Operation(summary = "DRAFT → PENDING_APPROVAL with the approval chain the rules give for the value")
    @PostMapping("/{id}/submit")
    Mono<ResponseEntity<ContractView>> submit(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return contracts.submit(caller, id, ifMatch).map(c -> view(c, null));
    }

    @Operation(summary = "The open approval step approves (never the submitter); the last one makes the contract APPROVED")
    @PostMapping("/{id}/approve")
    Mono<ResponseEntity<ContractView>> approve(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody(required = false) Decision body) {
        return contracts.decide(caller, id, ifMatch, true, body == null ? null : body.comment()).map(c -> view(c, null));
    }

    @Operation(summary = "The open approval step rejects with a comment: PENDING_APPROVAL → REJECTED")
    @PostMapping("/{id}/reject")
    Mono<ResponseEntity<ContractView>> reject(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody Decision body) {
        return contracts.decide(caller, id, ifMatch, false, body.comment()).map(c -> view(c, null));
    }

    @Operation(summary = "REJECTED → DRAFT, optionally with a new value, terms or dates")
    @PostMapping("/{id}/revise")
    Mono<ResponseEntity<ContractView>> revise(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody(required = false) Revise body) {
        Revise r = body == null ? new Revise(null, null, null, null) : body;
        var value = r.value() == null ? null : r.value().toMoney();
        return act(caller, id, ifMatch, "ContractRevised", null, c -> c.revise(value, r.terms(), r.startDate(), r.endDate(),
                actor(caller), contracts.now()));
    }

    @Operation(summary = "APPROVED → SIGNED on the signing date (default today); publishes ContractSigned")
    @PostMapping("/{id}/sign")
    Mono<ResponseEntity<ContractView>> sign(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody(required = false) Sign body) {
        LocalDate date = body == null || body.signedDate() == null ? contracts.today() : body.signedDate();
        return act(caller, id, ifMatch, "ContractSigned", null, c -> c.sign(date, actor(caller)));
    }

    @Operation(summary = "SIGNED → IN_EXECUTION")
    @PostMapping("/{id}/start-execution")
    Mono<ResponseEntity<ContractView>> startExecution(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return act(caller, id, ifMatch, "ContractExecutionStarted", null, Contract::startExecution);
    }

    @Operation(summary = "IN_EXECUTION → SUSPENDED with a reason")
    @PostMapping("/{id}/suspend")
    Mono<ResponseEntity<ContractView>> suspend(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody Reason body) {
        requireManagerOrAbove(caller);
        return act(caller, id, ifMatch, "ContractSuspended", body.reason(), c -> c.suspend(body.reason()));
    }

    @Operation(summary = "SUSPENDED → IN_EXECUTION with a reason")
    @PostMapping("/{id}/resume")
    Mono<ResponseEntity<ContractView>> resume(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody Reason body) {
        requireManagerOrAbove(caller);
        return act(caller, id, ifMatch, "ContractResumed", body.reason(), c -> c.resume(body.reason()));
    }

    @Operation(summary = "IN_EXECUTION → COMPLETED (every milestone done); publishes ContractCompleted")
    @PostMapping("/{id}/complete")
    Mono<ResponseEntity<ContractView>> complete(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody(required = false) OnDate body) {
        requireManagerOrAbove(caller);
        LocalDate date = body == null || body.date() == null ? contracts.today() : body.date();
        return act(caller, id, ifMatch, "ContractCompleted", null, c -> c.complete(date, actor(caller)));
    }

    @Operation(summary = "COMPLETED → CLOSED")
    @PostMapping("/{id}/close")
    Mono<ResponseEntity<ContractView>> close(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requireManagerOrAbove(caller);
        return act(caller, id, ifMatch, "ContractClosed", null, Contract::close);
    }

    @Operation(summary = "SIGNED, IN_EXECUTION or SUSPENDED → TERMINATED with a date and reason; publishes ContractTerminated")
    @PostMapping("/{id}/terminate")
    Mono<ResponseEntity<ContractView>> terminate(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody Terminate body) {
        requireManagerOrAbove(caller);
        return act(caller, id, ifMatch, "ContractTerminated", body.reason(), c -> c.terminate(body.terminationDate(), body.reason(), actor(caller)));
    }

    // ---- amendments and versions ----

    @Operation(summary = "Amend a signed contract: version n+1 with value, terms or dates and a reason; publishes ContractAmended; Idempotency-Key accepted")
    @PostMapping("/{id}/amendments")
    Mono<ResponseEntity<String>> amend(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @Valid @RequestBody Amend body, ServerWebExchange exchange) {
        Amendment amendment = new Amendment(body.value() == null ? null : body.value().toMoney(), body.terms(), body.startDate(),
                body.endDate(), body.reason(), body.effectiveDate());
        // a retry with the same key answers the first version created, whatever If-Match it carries
        return creates.create(exchange, caller, body, () -> contracts.amend(caller, id, ifMatch, amendment)
                .map(c -> CreatedResponse.created(ContractView.of(c, contracts.today()),
                        URI.create("/api/contracts/" + id + "/versions/" + c.currentVersion().version())).withEtag(c.rowVersion())));
    }

    @Operation(summary = "Every version of a contract, oldest first")
    @GetMapping("/{id}/versions")
    Mono<List<VersionView>> versions(Caller caller, @PathVariable UUID id) {
        return contracts.get(caller, id).map(c -> c.versions().stream().map(VersionView::of).toList());
    }

    @Operation(summary = "One version of a contract")
    @GetMapping("/{id}/versions/{version}")
    Mono<VersionView> version(Caller caller, @PathVariable UUID id, @PathVariable int version) {
        return contracts.get(caller, id).flatMap(c -> Mono.justOrEmpty(c.version(version)))
                .map(VersionView::of).switchIfEmpty(Mono.error(() -> new ContractService.NotFound("version", id)));
    }

    @Operation(summary = "What changed between two versions (default: the one before the current, and the current)")
    @GetMapping("/{id}/versions/diff")
    Mono<VersionDiff> diff(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to) {
        return contracts.get(caller, id).map(c -> {
            int toVersion = to != null ? to : c.currentVersion().version();
            int fromVersion = from != null ? from : Math.max(1, toVersion - 1);
            ContractVersion a = c.version(fromVersion).orElseThrow(() -> new ContractService.NotFound("version", id));
            ContractVersion b = c.version(toVersion).orElseThrow(() -> new ContractService.NotFound("version", id));
            List<FieldChange> changes = new ArrayList<>();
            if (!a.value().equals(b.value())) changes.add(new FieldChange("value", MoneyBody.of(a.value()), MoneyBody.of(b.value())));
            if (!Objects.equals(a.terms(), b.terms())) changes.add(new FieldChange("terms", a.terms(), b.terms()));
            if (!Objects.equals(a.startDate(), b.startDate())) changes.add(new FieldChange("startDate", a.startDate(), b.startDate()));
            if (!Objects.equals(a.endDate(), b.endDate())) changes.add(new FieldChange("endDate", a.endDate(), b.endDate()));
            return new VersionDiff(fromVersion, toVersion, changes, MoneyBody.of(b.value().minus(a.value())));
        });
    }

    // ---- execution ----

    @Operation(summary = "Replace the milestone plan (weights sum to 100); milestones kept (same id, or same name) keep their completion")
    @PutMapping("/{id}/milestones")
    Mono<ResponseEntity<ContractView>> milestones(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody MilestonePlan body) {
        List<Milestone> plan = body.milestones().stream().map(m -> new Milestone(m.id(), m.name(), m.weight(), m.dueDate(), null)).toList();
        return contracts.planMilestones(caller, id, ifMatch, plan).map(c -> view(c, null));
    }

    @Operation(summary = "Mark a milestone done (while IN_EXECUTION)")
    @PostMapping("/{id}/milestones/{milestoneId}/complete")
    Mono<ResponseEntity<ContractView>> completeMilestone(Caller caller, @PathVariable UUID id, @PathVariable UUID milestoneId,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Valid @RequestBody(required = false) OnDate body) {
        return contracts.completeMilestone(caller, id, milestoneId, ifMatch, body == null ? null : body.date()).map(c -> view(c, null));
    }

    @Operation(summary = "Milestones open and due before a date, over every contract in scope")
    @GetMapping("/milestones/overdue")
    Mono<List<Object>> overdueMilestones(Caller caller, @RequestParam(required = false) LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : contracts.today();
        return contracts.scopeOf(caller).flatMapMany(scope -> {
                    ContractService.requireRead(scope);
                    return queries.rows(new ContractQueries.Filter(null, null, null, null, null, null, null),
                            scope.repPredicate(ContractQueries.OWNERS_SQL), " ORDER BY c.created_at, c.id");
                })
                .filter(r -> r.status().equals("IN_EXECUTION") || r.status().equals("SUSPENDED") || r.status().equals("SIGNED"))
                .concatMap(r -> contracts.get(caller, r.id()))
                .flatMapIterable(c -> c.overdueMilestones(day).stream().<Object>map(m -> java.util.Map.of(
                        "contractId", c.id(), "contractNumber", c.number(), "milestone", MilestoneView.of(m, day))).toList())
                .collectList();
    }

    @Operation(summary = "Replace the payment plan (instalments never sum above the value)")
    @PutMapping("/{id}/payment-plan")
    Mono<ResponseEntity<ContractView>> paymentPlan(Caller caller, @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody PaymentPlan body) {
        List<Instalment> plan = body.instalments().stream().map(i -> new Instalment(EventIds.newId(), i.dueDate(), i.amount().toMoney())).toList();
        return contracts.planPayments(caller, id, ifMatch, plan).map(c -> view(c, null));
    }

    @Operation(summary = "Record a payment received (never over the outstanding value); idempotent by externalRef; publishes PaymentReceived")
    @PostMapping("/{id}/payments")
    Mono<ResponseEntity<PaymentView>> recordPayment(Caller caller, @PathVariable UUID id, @Valid @RequestBody RecordPayment body) {
        return contracts.recordPayment(caller, id, body.amount().toMoney(), body.receivedDate(), body.externalRef(), body.milestoneId())
                .map(recorded -> (recorded.replayed() ? ResponseEntity.ok()
                        : ResponseEntity.created(URI.create("/api/contracts/" + id + "/payments/" + recorded.payment().id())))
                        .body(PaymentView.of(recorded.contract(), recorded.payment())));
    }

    @Operation(summary = "The payments of a contract")
    @GetMapping("/{id}/payments")
    Mono<List<PaymentView>> payments(Caller caller, @PathVariable UUID id) {
        return contracts.get(caller, id).map(c -> c.payments().stream().map(p -> PaymentView.of(c, p)).toList());
    }

    // ---- helpers ----

    private Mono<ResponseEntity<ContractView>> act(Caller caller, UUID id, String ifMatch, String auditAction, String reason,
                                                   Consumer<Contract> change) {
        return contracts.change(caller, id, ifMatch, auditAction, reason, change).map(c -> view(c, null));
    }

    private ResponseEntity<ContractView> view(Contract c, LocalDate asOf) {
        return ResponseEntity.ok().eTag(Versions.etag(c.rowVersion())).body(ContractView.of(c, asOf != null ? asOf : contracts.today()));
    }

    private static com.quota.contract.lifecycle.Actor actor(Caller caller) {
        return new com.quota.contract.lifecycle.Actor(caller.sub(), caller.repId());
    }

    private static void requireManagerOrAbove(Caller caller) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER, Role.INTEGRATION)) {
            throw new AccessDeniedException("a REP may not do this");
        }
    }

    private static ContractQueries.Filter filter(UUID accountId, UUID opportunityId, UUID ownerRepId, String status,
                                                 LocalDate signedFrom, LocalDate signedTo, String externalRef) {
        if (status != null) {
            try {
                com.quota.contract.lifecycle.ContractStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw RuleViolation.badRequest("validation-failed", "status must be one of "
                        + java.util.Arrays.toString(com.quota.contract.lifecycle.ContractStatus.values()));
            }
        }
        if (signedFrom != null && signedTo != null && signedTo.isBefore(signedFrom)) {
            throw RuleViolation.badRequest("invalid-dates", "signedTo is before signedFrom");
        }
        return new ContractQueries.Filter(accountId, opportunityId, ownerRepId, status, signedFrom, signedTo, externalRef);
    }
}
