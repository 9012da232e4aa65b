package com.quota.pipeline.pipeline.application;

import com.quota.messaging.outbox.EventIds;
import com.quota.pipeline.audit.application.PipelineAudit;
import com.quota.pipeline.failure.ConflictException;
import com.quota.pipeline.failure.ForbiddenException;
import com.quota.pipeline.failure.NotFoundException;
import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Configure pipelines (ADMIN, DIRECTOR) and read them (everyone). */
@Service
public class PipelineUseCases {

    /** A stage as a request describes it. */
    public record StageDraft(String code, String name, int probability, ForecastCategory forecastCategory, int expectedDays,
                             BigDecimal conversionRate, StageOutcome closedAs) {
    }

    private final PipelineStore store;
    private final TransactionalOperator tx;
    private final PipelineAudit audit;

    public PipelineUseCases(PipelineStore store, TransactionalOperator tx, PipelineAudit audit) {
        this.audit = audit;
        this.store = store;
        this.tx = tx;
    }

    public Mono<StoredPipeline> create(Caller caller, String name, String externalRef, List<StageDraft> drafts) {
        return Mono.defer(() -> {
            requireConfigurer(caller);
            Pipeline pipeline = new Pipeline(EventIds.newId(), name, stages(drafts, Map.of()));
            return store.insert(pipeline, externalRef)
                    .then(audit.record(caller, "CREATE", PipelineAudit.PIPELINE, pipeline.id(), null, PipelineAudit.snapshot(pipeline), null))
                    .as(tx::transactional)
                    .onErrorMap(DataIntegrityViolationException.class,
                            e -> new ConflictException("duplicate", "a pipeline with externalRef " + externalRef + " exists"))
                    .then(store.find(pipeline.id()));
        });
    }

    /** Replaces name and stages; a stage keeps its id by code, so history and open deals keep pointing at it. */
    public Mono<StoredPipeline> update(Caller caller, UUID id, long expectedVersion, String name, List<StageDraft> drafts) {
        return Mono.defer(() -> {
            requireConfigurer(caller);
            return store.find(id).switchIfEmpty(Mono.error(new NotFoundException("pipeline")))
                    .flatMap(current -> {
                        if (current.version() != expectedVersion) {
                            return Mono.error(new com.quota.pipeline.failure.StaleVersionException(current.version()));
                        }
                        Map<String, Stage> byCode = current.pipeline().stages().stream()
                                .collect(Collectors.toMap(Stage::code, Function.identity()));
                        Pipeline updated = new Pipeline(id, name, stages(drafts, byCode));
                        List<Stage> removed = current.pipeline().stages().stream()
                                .filter(s -> updated.stageByCode(s.code()).isEmpty()).toList();
                        for (Stage stage : updated.stages()) {
                            Stage before = byCode.get(stage.code());
                            if (before != null && before.closedAs() != stage.closedAs()) {
                                throw new ConflictException("stage-kind-changed",
                                        "stage " + stage.code() + " cannot change between open and closed");
                            }
                        }
                        return store.update(updated, expectedVersion, removed)
                                .then(audit.record(caller, "UPDATE", PipelineAudit.PIPELINE, id,
                                        PipelineAudit.snapshot(current.pipeline()), PipelineAudit.snapshot(updated), null))
                                .as(tx::transactional)
                                .then(store.find(id));
                    });
        });
    }

    public Mono<StoredPipeline> get(UUID id) {
        return store.find(id).switchIfEmpty(Mono.error(new NotFoundException("pipeline")));
    }

    public Flux<StoredPipeline> list(String externalRef) {
        if (externalRef != null) {
            return store.idByExternalRef(externalRef).flatMapMany(store::find);
        }
        return store.all();
    }

    private static List<Stage> stages(List<StageDraft> drafts, Map<String, Stage> existing) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            StageDraft d = drafts.get(i);
            Stage before = existing.get(d.code());
            stages.add(new Stage(before != null ? before.id() : EventIds.newId(), d.code(), d.name(), i, d.probability(),
                    d.forecastCategory(), d.expectedDays(), d.conversionRate(), d.closedAs()));
        }
        return stages;
    }

    private static void requireConfigurer(Caller caller) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)) {
            throw new ForbiddenException("only ADMIN or DIRECTOR configure pipelines");
        }
    }
}
