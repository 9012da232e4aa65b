package com.quota.orgdirectory.testapp;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.orgdirectory.scope.SqlPredicate;
import com.quota.resourceserver.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Uses org-directory the way a service does: scope once per request, a SQL predicate for lists, 404 outside scope. */
@RestController
class SalesRecordController {

    record NewSalesRecord(UUID id, List<UUID> owners, String label) {
    }

    record SalesRecordView(UUID id, UUID ownerRepId, String label) {
    }

    private final DatabaseClient db;
    private final ScopeResolver scopes;
    private final OrgDirectory directory;
    private final TransactionalOperator tx;

    SalesRecordController(DatabaseClient db, ScopeResolver scopes, OrgDirectory directory, TransactionalOperator tx) {
        this.db = db;
        this.scopes = scopes;
        this.directory = directory;
        this.tx = tx;
    }

    /** Records of the reps in scope on asOf: by the owning rep, or (coOwned=true) by any of the owners. */
    @GetMapping("/api/sales-records")
    Flux<SalesRecordView> list(Caller caller, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                               @RequestParam(defaultValue = "false") boolean coOwned) {
        return scopes.resolve(caller, asOf).flatMapMany(scope -> {
            scope.requireScope("records.read");
            SqlPredicate visible = coOwned
                    ? scope.repPredicate("ANY(SELECT o.rep_id FROM sales_record_owner o WHERE o.record_id = t.id)")
                    : scope.repPredicate("t.owner_rep_id");
            return visible.bindTo(db.sql("SELECT t.id, t.owner_rep_id, t.label FROM sales_record t WHERE "
                            + visible.sql() + " ORDER BY t.id"))
                    .map(row -> new SalesRecordView(row.get("id", UUID.class), row.get("owner_rep_id", UUID.class),
                            row.get("label", String.class)))
                    .all();
        });
    }

    @GetMapping("/api/sales-records/{id}")
    Mono<SalesRecordView> one(Caller caller, @PathVariable UUID id, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return db.sql("SELECT id, owner_rep_id, label FROM sales_record WHERE id = :id").bind("id", id)
                .map(row -> new SalesRecordView(row.get("id", UUID.class), row.get("owner_rep_id", UUID.class),
                        row.get("label", String.class)))
                .one()
                .filterWhen(record -> scopes.resolve(caller, asOf).map(scope -> scope.canSeeRep(record.ownerRepId())))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    @PostMapping("/api/sales-records")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SalesRecordView> create(Caller caller, @RequestBody NewSalesRecord request) {
        return scopes.resolve(caller, LocalDate.now())
                .doOnNext(scope -> scope.requireScope("records.write"))
                .thenMany(Flux.fromIterable(request.owners()))
                .concatMap(directory::requireKnownRep)
                .then(tx.transactional(db.sql("INSERT INTO sales_record (id, owner_rep_id, label) VALUES (:id, :owner, :label)")
                        .bind("id", request.id()).bind("owner", request.owners().get(0)).bind("label", request.label())
                        .fetch().rowsUpdated()
                        .thenMany(Flux.fromIterable(request.owners()).concatMap(owner ->
                                db.sql("INSERT INTO sales_record_owner (record_id, rep_id) VALUES (:id, :rep)")
                                        .bind("id", request.id()).bind("rep", owner).fetch().rowsUpdated()))
                        .then()))
                .thenReturn(new SalesRecordView(request.id(), request.owners().get(0), request.label()));
    }
}
