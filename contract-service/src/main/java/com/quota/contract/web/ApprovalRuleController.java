package com.quota.contract.web;

import com.quota.contract.approval.ApprovalRule;
import com.quota.contract.application.ApprovalRuleService;
import com.quota.contract.application.Versions;
import com.quota.contract.web.ContractJson.ApprovalRuleBody;
import com.quota.contract.web.ContractJson.ApprovalRuleView;
import com.quota.contract.web.ContractJson.AutoDraft;
import com.quota.contract.web.ContractJson.AutoDraftView;
import com.quota.resourceserver.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** {@code /api/contracts/approval-rules} (chains by value band) and {@code /api/contracts/auto-draft} (per pipeline). */
@RestController
@RequestMapping("/api/contracts")
@Tag(name = "contract settings", description = "Approval rules by value thresholds and auto-draft on OpportunityWon")
class ApprovalRuleController {

    private final ApprovalRuleService rules;

    ApprovalRuleController(ApprovalRuleService rules) {
        this.rules = rules;
    }

    @Operation(summary = "The approval rules: bands (above, upTo] of reporting value and their steps, lowest first")
    @GetMapping("/approval-rules")
    Mono<List<ApprovalRuleView>> list(Caller caller) {
        return rules.rules().map(ApprovalRuleController::view).collectList();
    }

    @Operation(summary = "One approval rule")
    @GetMapping("/approval-rules/{id}")
    Mono<ResponseEntity<ApprovalRuleView>> get(Caller caller, @PathVariable UUID id) {
        return rules.rule(id).map(r -> ResponseEntity.ok().eTag(Versions.etag(r.version())).body(view(r)));
    }

    @Operation(summary = "Add a band (DIRECTOR/ADMIN); overlapping bands are refused with 422")
    @PostMapping("/approval-rules")
    Mono<ResponseEntity<ApprovalRuleView>> add(Caller caller, @Valid @RequestBody ApprovalRuleBody body) {
        return rules.add(caller, rule(body)).map(r -> ResponseEntity.created(URI.create("/api/contracts/approval-rules/" + r.id()))
                .eTag(Versions.etag(r.version())).body(view(r)));
    }

    @Operation(summary = "Change a band or its steps (DIRECTOR/ADMIN, If-Match); overlapping bands are refused with 422")
    @PutMapping("/approval-rules/{id}")
    Mono<ResponseEntity<ApprovalRuleView>> change(Caller caller, @PathVariable UUID id,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody ApprovalRuleBody body) {
        return rules.change(caller, id, ifMatch, rule(body)).map(r -> ResponseEntity.ok().eTag(Versions.etag(r.version())).body(view(r)));
    }

    @Operation(summary = "Remove a band (DIRECTOR/ADMIN)")
    @DeleteMapping("/approval-rules/{id}")
    Mono<ResponseEntity<Void>> remove(Caller caller, @PathVariable UUID id) {
        return rules.remove(caller, id).thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Whether a won opportunity of this pipeline drafts its contract by itself")
    @GetMapping("/auto-draft/{pipelineId}")
    Mono<AutoDraftView> autoDraft(Caller caller, @PathVariable UUID pipelineId) {
        return rules.autoDraft(pipelineId).map(enabled -> new AutoDraftView(pipelineId, enabled, true))
                .defaultIfEmpty(new AutoDraftView(pipelineId, rules.autoDraftDefault(), false));
    }

    @Operation(summary = "Switch auto-draft on or off for a pipeline (DIRECTOR/ADMIN)")
    @PutMapping("/auto-draft/{pipelineId}")
    Mono<AutoDraftView> setAutoDraft(Caller caller, @PathVariable UUID pipelineId, @Valid @RequestBody AutoDraft body) {
        return rules.setAutoDraft(caller, pipelineId, body.enabled()).thenReturn(new AutoDraftView(pipelineId, body.enabled(), true));
    }

    private static ApprovalRule rule(ApprovalRuleBody body) {
        return new ApprovalRule(UUID.randomUUID(), body.above(), body.upTo(), body.steps().stream().map(ApprovalRuleService::role).toList(), 0);
    }

    private static ApprovalRuleView view(ApprovalRule r) {
        return new ApprovalRuleView(r.id(), r.above().toPlainString(), r.upTo() == null ? null : r.upTo().toPlainString(), r.steps().stream().map(Enum::name).toList(), r.band(), r.version());
    }
}
