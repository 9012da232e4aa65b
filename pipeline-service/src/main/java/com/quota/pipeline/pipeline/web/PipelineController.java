package com.quota.pipeline.pipeline.web;

import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;
import com.quota.pipeline.pipeline.application.PipelineUseCases;
import com.quota.pipeline.pipeline.application.PipelineUseCases.StageDraft;
import com.quota.pipeline.pipeline.application.StoredPipeline;
import com.quota.pipeline.web.Etags;
import com.quota.pipeline.web.PageView;
import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import org.springframework.web.server.ServerWebExchange;
import com.quota.resourceserver.Caller;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.Page;
import com.quota.api.audit.AuditEntryView;
import com.quota.api.audit.AuditTrail;
import com.quota.pipeline.audit.application.PipelineAudit;
import org.springframework.http.server.reactive.ServerHttpRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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
import java.util.List;
import java.util.UUID;

/** Pipelines with ordered stages: create, replace, read. */
@RestController
@RequestMapping("/api/pipelines")
@Tag(name = "Pipelines")
class PipelineController {

    record StageRequest(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name,
                        @Min(0) @Max(100) int probability, @NotNull ForecastCategory forecastCategory,
                        @Min(0) int expectedDays,
                        @DecimalMin("0") @DecimalMax("100") BigDecimal conversionRate, StageOutcome closedAs) {
        StageDraft draft() {
            return new StageDraft(code, name, probability, forecastCategory, expectedDays, conversionRate, closedAs);
        }
    }

    record PipelineRequest(@NotBlank @Size(max = 200) String name, @Size(min = 1, max = 128) String externalRef,
                           @NotEmpty List<@Valid @NotNull StageRequest> stages) {
    }

    record StageView(UUID id, String code, String name, int position, int probability, ForecastCategory forecastCategory,
                     int expectedDays, BigDecimal conversionRate, StageOutcome closedAs) {
        static StageView of(Stage s) {
            return new StageView(s.id(), s.code(), s.name(), s.position(), s.probability(), s.forecastCategory(),
                    s.expectedDays(), s.conversionRate(), s.closedAs());
        }
    }

    record PipelineView(UUID id, String name, String externalRef, long version, List<StageView> stages) {
        static PipelineView of(StoredPipeline p) {
            return new PipelineView(p.pipeline().id(), p.pipeline().name(), p.externalRef(), p.version(),
                    p.pipeline().stages().stream().map(StageView::of).toList());
        }
    }

    private final PipelineUseCases pipelines;
    private final IdempotentCreates creates;
    private final AuditTrail auditTrail;

    PipelineController(PipelineUseCases pipelines, IdempotentCreates creates, AuditTrail auditTrail) {
        this.pipelines = pipelines;
        this.creates = creates;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/{id}/audit")
    @Operation(summary = "The audit trail of a pipeline: who created or changed it, when, its name and stages before and after; "
            + "newest first, paged, sort=occurredAt|action|actor")
    Mono<Page<AuditEntryView>> audit(@PathVariable UUID id, ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return pipelines.get(id).then(auditTrail.of(PipelineAudit.PIPELINE, id, query));
    }

    @PostMapping
    @Operation(summary = "Create a pipeline (ADMIN, DIRECTOR): open stages in order, then one WON and one LOST stage")
    Mono<ResponseEntity<String>> create(Caller caller, @Valid @RequestBody PipelineRequest request, ServerWebExchange exchange) {
        return creates.create(exchange, caller, request, () -> pipelines.create(caller, request.name(), request.externalRef(), drafts(request))
                .map(p -> CreatedResponse.created(PipelineView.of(p), URI.create("/api/pipelines/" + p.pipeline().id()))
                        .withEtag(p.version())));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a pipeline's name and stages (If-Match); stages keep their ids by code, history keeps what they were")
    Mono<ResponseEntity<PipelineView>> replace(Caller caller, @PathVariable UUID id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody PipelineRequest request) {
        return Mono.fromCallable(() -> Etags.expectedVersion(ifMatch))
                .flatMap(version -> pipelines.update(caller, id, version, request.name(), drafts(request)))
                .map(p -> ResponseEntity.ok().eTag(Etags.of(p.version())).body(PipelineView.of(p)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One pipeline with its stages")
    Mono<ResponseEntity<PipelineView>> get(@PathVariable UUID id) {
        return pipelines.get(id).map(p -> ResponseEntity.ok().eTag(Etags.of(p.version())).body(PipelineView.of(p)));
    }

    @GetMapping
    @Operation(summary = "All pipelines (filter by externalRef)")
    Mono<PageView<PipelineView>> list(@RequestParam(required = false) String externalRef) {
        return pipelines.list(externalRef).map(PipelineView::of).collectList().map(PageView::all);
    }

    private static List<StageDraft> drafts(PipelineRequest request) {
        return request.stages().stream().map(StageRequest::draft).toList();
    }
}
