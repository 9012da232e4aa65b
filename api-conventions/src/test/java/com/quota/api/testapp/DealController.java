package com.quota.api.testapp;

import com.quota.api.audit.AuditEntryView;
import com.quota.api.audit.AuditRecord;
import com.quota.api.audit.AuditTrail;
import com.quota.api.audit.AuditWriter;
import com.quota.api.concurrency.Versions;
import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.ids.ExternalRefs;
import com.quota.api.ids.Ids;
import com.quota.api.paging.Csv;
import com.quota.api.paging.Page;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.SortFields;
import com.quota.api.problem.ApiProblem;
import com.quota.resourceserver.Caller;
import io.r2dbc.spi.Readable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deals: create (Idempotency-Key), read (ETag), update (If-Match), list (paging), export (CSV), audit trail. */
@RestController
@RequestMapping("/api/deals")
public class DealController {

    static final SortFields SORT = SortFields.of(Map.of("name", "name", "amount", "amount", "createdAt", "created_at"));

    /** Body of a create or an update. */
    public record DealRequest(String batch, String name, BigDecimal amount, String reason, String externalRef) {
    }

    /** A deal as the API shows it. */
    public record DealView(UUID id, String batch, String name, BigDecimal amount, String owner, long version) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final IdempotentCreates creates;
    private final AuditWriter audit;
    private final AuditTrail auditTrail;
    private final CreateGate gate;
    private final Clock clock;

    DealController(DatabaseClient db, TransactionalOperator transactions, IdempotentCreates creates, AuditWriter audit,
                   AuditTrail auditTrail, CreateGate gate, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.creates = creates;
        this.audit = audit;
        this.auditTrail = auditTrail;
        this.gate = gate;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<String>> create(@RequestBody DealRequest request, Caller caller, ServerWebExchange exchange) {
        validate(request);
        return creates.create(exchange, caller, request, () -> {
            DealView deal = new DealView(Ids.newId(), request.batch(), request.name(), request.amount(), caller.sub(), 0);
            return gate.pass(request.name())
                    .then(ExternalRefs.conflictOnDuplicate(insert(deal, request.externalRef()),
                            "A deal with this externalRef exists already."))
                    .then(audit.record(new AuditRecord(caller, "DealCreated", "deal", deal.id(), null, deal,
                            request.reason())))
                    .thenReturn(CreatedResponse.created(deal, URI.create("/api/deals/" + deal.id()))
                            .withEtag(deal.version()));
        });
    }

    private Mono<Long> insert(DealView deal, String externalRef) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        insert into deal (id, batch, name, amount, owner, external_ref, version, created_at)
                        values (:id, :batch, :name, :amount, :owner, :externalRef, 0, :createdAt)""")
                .bind("id", deal.id()).bind("batch", deal.batch()).bind("name", deal.name())
                .bind("amount", deal.amount()).bind("owner", deal.owner())
                .bind("createdAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        insert = externalRef == null ? insert.bindNull("externalRef", String.class) : insert.bind("externalRef", externalRef);
        return insert.fetch().rowsUpdated();
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<DealView>> read(@PathVariable UUID id) {
        return find(id).map(deal -> Versions.withEtag(ResponseEntity.ok(), deal.version()).body(deal));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<DealView>> update(@PathVariable UUID id, @RequestBody DealRequest request, Caller caller,
                                          ServerHttpRequest http) {
        validate(request);
        Mono<DealView> updated = find(id).flatMap(before -> {
            long expected = Versions.requireIfMatch(http, before.version());
            DealView after = new DealView(id, before.batch(), request.name(), request.amount(), before.owner(),
                    expected + 1);
            return db.sql("update deal set name = :name, amount = :amount, version = version + 1 "
                            + "where id = :id and version = :expected")
                    .bind("name", after.name()).bind("amount", after.amount()).bind("id", id).bind("expected", expected)
                    .fetch().rowsUpdated()
                    .doOnNext(Versions::requireUpdated)
                    .then(audit.record(new AuditRecord(caller, "DealRevised", "deal", id, before, after,
                            request.reason())))
                    .then(request.name().startsWith("fail-") ? Mono.error(ApiProblem.unprocessable("deal-rejected",
                            "Rejected after the change and its audit entry were written.")) : Mono.just(after));
        });
        return transactions.transactional(updated)
                .map(deal -> Versions.withEtag(ResponseEntity.ok(), deal.version()).body(deal));
    }

    @GetMapping
    Mono<Page<DealView>> list(@RequestParam String batch, ServerHttpRequest http) {
        PageQuery query = PageQuery.from(http, SORT, "createdAt,desc");
        Mono<Long> total = db.sql("select count(*) from deal where batch = :batch").bind("batch", batch)
                .map((row, meta) -> row.get(0, Long.class)).one();
        return total.flatMap(count -> db.sql("select * from deal where batch = :batch" + query.orderByLimitOffsetSql())
                .bind("batch", batch)
                .map((row, meta) -> deal(row)).all().collectList()
                .map(items -> Page.of(items, query, count)));
    }

    @GetMapping("/export")
    ResponseEntity<Flux<String>> export(@RequestParam String batch, @RequestParam(defaultValue = "false") boolean hold) {
        Flux<List<String>> rows = db.sql("select * from deal where batch = :batch order by name, id")
                .bind("batch", batch)
                .map((row, meta) -> deal(row)).all()
                .map(d -> List.of(d.id().toString(), d.name(), d.amount().toPlainString(), d.owner()));
        if (hold) {
            // an export whose last rows never come: shows the first ones are sent before the end
            rows = rows.concatWith(Mono.never());
        }
        return Csv.stream("deals.csv", List.of("id", "name", "amount", "owner"), rows);
    }

    @GetMapping("/{id}/audit")
    Mono<Page<AuditEntryView>> audit(@PathVariable UUID id, ServerHttpRequest http) {
        PageQuery query = PageQuery.from(http, AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return find(id).then(auditTrail.of("deal", id, query));
    }

    private Mono<DealView> find(UUID id) {
        return db.sql("select * from deal where id = :id").bind("id", id)
                .map((row, meta) -> deal(row)).one()
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("deal")));
    }

    private static DealView deal(Readable row) {
        return new DealView(row.get("id", UUID.class), row.get("batch", String.class), row.get("name", String.class),
                row.get("amount", BigDecimal.class), row.get("owner", String.class), row.get("version", Long.class));
    }

    private static void validate(DealRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw ApiProblem.invalidField("name", "must not be blank");
        }
        if (request.amount() == null) {
            throw ApiProblem.invalidField("amount", "must not be null");
        }
    }
}
