package com.quota.pipeline.account.web;

import com.quota.pipeline.account.AccountMove;
import com.quota.pipeline.account.PickRules;
import com.quota.pipeline.account.application.AccountHistoryEntry;
import com.quota.pipeline.account.application.AccountUseCases;
import com.quota.pipeline.account.application.AccountUseCases.AccountDraft;
import com.quota.pipeline.account.application.AccountUseCases.AccountFilter;
import com.quota.pipeline.account.application.StoredAccount;
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

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accounts and the customer pool: create, read, update, claim, assign (one or by rule), release, history, pool rules. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts and customer pool")
@Validated
class AccountController {

    record AccountRequest(@NotBlank @Size(max = 300) String name, UUID ownerRepId, @Size(max = 64) String region,
                          @Size(max = 64) String segment, @Size(max = 64) String industry,
                          @Size(min = 1, max = 128) String externalRef) {
        AccountDraft draft() {
            return new AccountDraft(name, ownerRepId, region, segment, industry, externalRef);
        }
    }

    record AccountView(UUID id, String name, UUID ownerRepId, boolean inPool, String region, String segment,
                       String industry, String externalRef, Instant lastFollowUpAt, long version) {
        static AccountView of(StoredAccount a) {
            return new AccountView(a.id(), a.name(), a.ownerRepId(), a.ownerRepId() == null, a.region(), a.segment(),
                    a.industry(), a.externalRef(), a.lastFollowUpAt(), a.version());
        }
    }

    record AssignRequest(@NotNull UUID repId, @Size(max = 1000) String reason) {
    }

    record ReleaseRequest(@Size(max = 1000) String reason) {
    }

    record BulkAssignRequest(@Size(max = 64) String region, @Size(max = 64) String segment,
                             @NotEmpty List<@NotNull UUID> repIds, @Min(1) @Max(10000) Integer limit,
                             @Size(max = 1000) String reason) {
    }

    record BulkAssignView(int assigned) {
    }

    record HistoryView(AccountMove action, UUID fromRepId, UUID toRepId, String reason, String actor, Instant at) {
        static HistoryView of(AccountHistoryEntry e) {
            return new HistoryView(e.action(), e.fromRepId(), e.toRepId(), e.reason(), e.actor(), e.at());
        }
    }

    record RulesView(int claimsPerRepPerDay, int reclaimCooldownDays, int recycleAfterDays) {
        static RulesView of(PickRules r) {
            return new RulesView(r.claimsPerRepPerDay(), r.reclaimCooldownDays(), r.recycleAfterDays());
        }
    }

    record RulesRequest(@NotNull @Min(0) Integer claimsPerRepPerDay, @NotNull @Min(0) Integer reclaimCooldownDays,
                        @NotNull @Min(0) Integer recycleAfterDays) {
    }

    record RecycleView(int recycled) {
    }

    private final AccountUseCases accounts;
    private final IdempotentCreates creates;

    private final AuditTrail auditTrail;

    AccountController(AccountUseCases accounts, IdempotentCreates creates, AuditTrail auditTrail) {
        this.accounts = accounts;
        this.creates = creates;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/{id}/audit")
    @Operation(summary = "The audit trail of an account (in scope): who created, changed, claimed, assigned or released it, "
            + "when, before and after, and why; newest first, paged, sort=occurredAt|action|actor")
    Mono<Page<AuditEntryView>> audit(Caller caller, @PathVariable UUID id, ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return accounts.get(caller, id).then(auditTrail.of(PipelineAudit.ACCOUNT, id, query));
    }

    @PostMapping
    @Operation(summary = "Create an account; without an owner it goes into the customer pool (409 on a duplicate externalRef)")
    Mono<ResponseEntity<String>> create(Caller caller, @Valid @RequestBody AccountRequest request, ServerWebExchange exchange) {
        return creates.create(exchange, caller, request, () -> accounts.create(caller, request.draft())
                .map(a -> CreatedResponse.created(AccountView.of(a), URI.create("/api/accounts/" + a.id())).withEtag(a.version())));
    }

    @PutMapping("/by-external-ref/{externalRef}")
    @Operation(summary = "CRM upsert: create or update the account with this externalRef (idempotent)")
    Mono<ResponseEntity<AccountView>> upsert(Caller caller, @PathVariable String externalRef,
                                             @Valid @RequestBody AccountRequest request) {
        AccountDraft draft = new AccountDraft(request.name(), request.ownerRepId(), request.region(), request.segment(),
                request.industry(), externalRef);
        return accounts.upsertByExternalRef(caller, draft)
                .map(a -> ResponseEntity.ok().eTag(Etags.of(a.version())).body(AccountView.of(a)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account (own, subtree's or in the pool)")
    Mono<ResponseEntity<AccountView>> get(Caller caller, @PathVariable UUID id) {
        return accounts.get(caller, id).map(a -> ResponseEntity.ok().eTag(Etags.of(a.version())).body(AccountView.of(a)));
    }

    @GetMapping
    @Operation(summary = "Accounts in scope and the pool, filtered (externalRef, ownerRepId, inPool, region, segment), "
            + "paged, sorted by sort=field,asc|desc (name, region, segment, industry, createdAt, updatedAt, lastFollowUpAt; "
            + "default name,asc)")
    Mono<PageView<AccountView>> list(Caller caller, @RequestParam(required = false) String externalRef,
                                     @RequestParam(required = false) UUID ownerRepId,
                                     @RequestParam(required = false) Boolean inPool,
                                     @RequestParam(required = false) String region,
                                     @RequestParam(required = false) String segment,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                     @RequestParam(required = false) List<String> sort, ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, AccountUseCases.SORT_FIELDS, AccountUseCases.DEFAULT_SORT);
        return accounts.list(caller, new AccountFilter(externalRef, ownerRepId, inPool, region, segment), query)
                .map(p -> PageView.of(p.items().stream().map(AccountView::of).toList(), page, size, p.total()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change name, region, segment, industry (If-Match); the owner moves by claim/assign/release")
    Mono<ResponseEntity<AccountView>> update(Caller caller, @PathVariable UUID id,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody AccountRequest request) {
        return Mono.fromCallable(() -> Etags.expectedVersion(ifMatch))
                .flatMap(v -> accounts.update(caller, id, v, request.draft()))
                .map(a -> ResponseEntity.ok().eTag(Etags.of(a.version())).body(AccountView.of(a)));
    }

    @PostMapping("/{id}/claim")
    @Operation(summary = "A rep claims a pool account (pick rules: claims per day, previous owner's cool-off)")
    Mono<AccountView> claim(Caller caller, @PathVariable UUID id) {
        return accounts.claim(caller, id).map(AccountView::of);
    }

    @PostMapping("/{id}/assign")
    @Operation(summary = "A manager, director or admin assigns an account to a rep")
    Mono<AccountView> assign(Caller caller, @PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
        return accounts.assign(caller, id, request.repId(), request.reason()).map(AccountView::of);
    }

    @PostMapping("/{id}/release")
    @Operation(summary = "Put an owned account back into the pool")
    Mono<AccountView> release(Caller caller, @PathVariable UUID id, @Valid @RequestBody(required = false) ReleaseRequest request) {
        return accounts.release(caller, id, request == null ? null : request.reason()).map(AccountView::of);
    }

    @PostMapping("/pool/assign")
    @Operation(summary = "Assign pool accounts matching region/segment to the reps in turn")
    Mono<BulkAssignView> bulkAssign(Caller caller, @Valid @RequestBody BulkAssignRequest request) {
        return accounts.bulkAssign(caller, request.region(), request.segment(), request.repIds(),
                request.limit() == null ? 1000 : request.limit(), request.reason()).map(BulkAssignView::new);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every move of the account, oldest first")
    Mono<PageView<HistoryView>> history(Caller caller, @PathVariable UUID id) {
        return accounts.history(caller, id).map(HistoryView::of).collectList().map(PageView::all);
    }

    @GetMapping("/pool/rules")
    @Operation(summary = "The pool's pick and recycle rules")
    Mono<ResponseEntity<RulesView>> rules() {
        return accounts.rules().zipWith(accounts.rulesVersion())
                .map(t -> ResponseEntity.ok().eTag(Etags.of(t.getT2())).body(RulesView.of(t.getT1())));
    }

    @GetMapping("/pool/rules/audit")
    @Operation(summary = "The audit trail of the pool rules: who changed them, when, before and after; newest first, paged")
    Mono<Page<AuditEntryView>> rulesAudit(ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return auditTrail.of(PipelineAudit.POOL_RULES, PipelineAudit.POOL_RULES_ID, query);
    }

    @PutMapping("/pool/rules")
    @Operation(summary = "Change the pick and recycle rules (ADMIN, DIRECTOR; If-Match)")
    Mono<ResponseEntity<RulesView>> changeRules(Caller caller,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody RulesRequest request) {
        return Mono.fromCallable(() -> Etags.expectedVersion(ifMatch))
                .flatMap(v -> accounts.changeRules(caller, v, new PickRules(request.claimsPerRepPerDay(),
                        request.reclaimCooldownDays(), request.recycleAfterDays())))
                .zipWhen(r -> accounts.rulesVersion())
                .map(t -> ResponseEntity.ok().eTag(Etags.of(t.getT2())).body(RulesView.of(t.getT1())));
    }

    @PostMapping("/pool/recycle")
    @Operation(summary = "Run the recycle rule now (ADMIN); the same job runs on a schedule")
    Mono<RecycleView> recycle(Caller caller) {
        return accounts.recycleNow(caller).map(RecycleView::new);
    }
}
