package com.quota.targets.org.web;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.CurrentCaller;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.config.CompanyToday;
import com.quota.targets.org.application.OrgTreeService;
import com.quota.targets.org.application.RepCommand;
import com.quota.targets.org.application.UnitCommand;
import com.quota.targets.org.persistence.OrgTreeReader;
import com.quota.targets.org.web.OrgViews.AuditPage;
import com.quota.targets.org.web.OrgViews.DeactivationBody;
import com.quota.targets.org.web.OrgViews.Ids;
import com.quota.targets.org.web.OrgViews.MoveBody;
import com.quota.targets.org.web.OrgViews.PageInfo;
import com.quota.targets.org.web.OrgViews.RepBody;
import com.quota.targets.org.web.OrgViews.RepView;
import com.quota.targets.org.web.OrgViews.Subtree;
import com.quota.targets.org.web.OrgViews.UnitBody;
import com.quota.targets.org.web.OrgViews.UnitView;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.web.FieldCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The org tree over HTTP: idempotent PUTs of units and people, moves, deactivation, and the dated tree questions. */
@RestController
@Tag(name = "org", description = "The org tree: units, people, managers, memberships (owned by target-service)")
class OrgTreeController {

    private static final Set<String> UNIT_TYPES = Set.of("COMPANY", "REGION", "TEAM");
    private static final Set<String> PERSON_ROLES = Set.of("REP", "MANAGER", "DIRECTOR");

    private final OrgTreeService service;
    private final OrgTreeReader reader;
    private final OrgDirectory directory;
    private final ScopeResolver scopes;
    private final AuditLog audit;
    private final CompanyToday today;

    OrgTreeController(OrgTreeService service, OrgTreeReader reader, OrgDirectory directory, ScopeResolver scopes,
                      AuditLog audit, CompanyToday today) {
        this.service = service;
        this.reader = reader;
        this.directory = directory;
        this.scopes = scopes;
        this.audit = audit;
        this.today = today;
    }

    @PutMapping("/api/org/units/{id}")
    @Operation(summary = "Create or update an org unit (idempotent, client-chosen id)",
            description = "201 when created, 200 otherwise; an unchanged body writes nothing and emits nothing. A change of "
                    + "parent or manager holds from effectiveFrom (default today, may be back-dated). Creating or restating "
                    + "a unit needs no If-Match; changing an existing one does (428 without, 412 when stale). "
                    + "ADMIN, DIRECTOR or an integration with org.write. A cycle or an unknown parent is 422.")
    Mono<ResponseEntity<UnitView>> putUnit(@PathVariable UUID id, @RequestBody UnitBody body,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        new FieldCheck().required("code", body.code()).required("name", body.name()).required("type", body.type())
                .oneOf("type", body.type(), UNIT_TYPES)
                .when(body.code() != null && body.code().length() > 64, "code", "at most 64 characters")
                .orFail();
        UnitCommand command = new UnitCommand(body.code(), body.name(), body.type(), body.parentId(), body.managerId(),
                body.validFrom(), body.effectiveFrom(), body.externalRef());
        return CurrentCaller.require().flatMap(caller -> service.putUnit(caller, id, command, ifMatch))
                .map(saved -> ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .eTag(etag(saved.state().version()))
                        .body(UnitView.of(saved.state(), today.today())));
    }

    @GetMapping("/api/org/units/{id}")
    @Operation(summary = "An org unit with its dated parents and managers", description = "Scoped: outside scope is 404.")
    Mono<ResponseEntity<UnitView>> unit(@PathVariable UUID id) {
        return visibleUnit(id, today.today()).then(reader.unit(id))
                .switchIfEmpty(Mono.error(() -> new NotVisible("unit " + id)))
                .map(unit -> ResponseEntity.ok().eTag(etag(unit.version())).body(UnitView.of(unit, today.today())));
    }

    @PostMapping("/api/org/units/{id}/deactivation")
    @Operation(summary = "Deactivate a unit after its last day", description = "Refused (422) while it has active child units.")
    Mono<UnitView> deactivateUnit(@PathVariable UUID id, @RequestBody(required = false) DeactivationBody body) {
        DeactivationBody b = body == null ? new DeactivationBody(null, null) : body;
        return CurrentCaller.require().flatMap(caller -> service.deactivateUnit(caller, id, b.lastDay(), b.reason()))
                .map(unit -> UnitView.of(unit, today.today()));
    }

    @GetMapping("/api/org/units/{id}/ancestors")
    @Operation(summary = "The unit's ancestors on a day, nearest first", description = "asOf defaults to today. Scoped.")
    Mono<Ids> ancestors(@PathVariable UUID id, @RequestParam(required = false) LocalDate asOf) {
        LocalDate on = today.orToday(asOf);
        return visibleUnit(id, on).then(directory.ancestors(id, on).collectList()).map(ids -> new Ids(id, on, ids));
    }

    @GetMapping("/api/org/units/{id}/subtree")
    @Operation(summary = "The units below a unit and the people in them on a day", description = "asOf defaults to today. Scoped.")
    Mono<Subtree> subtree(@PathVariable UUID id, @RequestParam(required = false) LocalDate asOf) {
        LocalDate on = today.orToday(asOf);
        return visibleUnit(id, on).then(directory.subtree(id, on).collectList())
                .flatMap(units -> Mono.zip(reader.unitNodes(units, on).collectList(),
                        directory.repsIn(units, on).collectList().flatMap(reps -> reader.repNodes(reps, on).collectList()))
                        .map(nodes -> new Subtree(id, on, order(units, nodes.getT1()), nodes.getT2())));
    }

    @GetMapping("/api/org/units/{id}/audit")
    @Operation(summary = "The audit trail of a unit, newest first", description = "Scoped like the unit.")
    Mono<AuditPage> unitAudit(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        return visibleUnit(id, today.today()).then(auditPage("OrgUnit", id, page, size));
    }

    @PutMapping("/api/org/reps/{id}")
    @Operation(summary = "Create or update a person (idempotent, client-chosen id = the rep_id claim)",
            description = "201 when created, 200 otherwise; a change of unit is a move from effectiveFrom (default today, "
                    + "may be back-dated); memberships never overlap (422). An unknown unit is 422. Creating or restating a person "
                    + "needs no If-Match; changing an existing one does (428 without, 412 when stale).")
    Mono<ResponseEntity<RepView>> putRep(@PathVariable UUID id, @RequestBody RepBody body,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        new FieldCheck().required("displayName", body.displayName()).required("role", body.role())
                .oneOf("role", body.role(), PERSON_ROLES).required("unitId", body.unitId())
                .when(body.username() != null && body.username().isBlank(), "username", "must not be blank")
                .orFail();
        RepCommand command = new RepCommand(body.username(), body.displayName(), body.role(), body.unitId(), body.title(),
                body.email(), body.hireDate(), body.validFrom(), body.effectiveFrom(), body.externalRef());
        return CurrentCaller.require().flatMap(caller -> service.putRep(caller, id, command, ifMatch))
                .flatMap(saved -> repView(saved.state()).map(view -> ResponseEntity
                        .status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .eTag(etag(saved.state().version())).body(view)));
    }

    @GetMapping("/api/org/reps/{id}")
    @Operation(summary = "A person with their memberships and the units they manage", description = "Scoped: a REP sees only themself.")
    Mono<ResponseEntity<RepView>> rep(@PathVariable UUID id) {
        return visibleRep(id, today.today()).then(reader.rep(id))
                .switchIfEmpty(Mono.error(() -> new NotVisible("rep " + id)))
                .flatMap(rep -> repView(rep).map(view -> ResponseEntity.ok().eTag(etag(rep.version())).body(view)));
    }

    @PostMapping("/api/org/reps/{id}/moves")
    @Operation(summary = "Move a person to another unit from a date (back-dated too)",
            description = "The membership running on that date closes the day before; a later membership would overlap (422).")
    Mono<RepView> move(@PathVariable UUID id, @RequestBody MoveBody body) {
        new FieldCheck().required("unitId", body.unitId()).orFail();
        return CurrentCaller.require().flatMap(caller -> service.moveRep(caller, id, body.unitId(), body.effectiveFrom(), body.reason()))
                .flatMap(this::repView);
    }

    @PostMapping("/api/org/reps/{id}/deactivation")
    @Operation(summary = "Deactivate a person after their last day", description = "Their open membership ends on lastDay (default today).")
    Mono<RepView> deactivateRep(@PathVariable UUID id, @RequestBody(required = false) DeactivationBody body) {
        DeactivationBody b = body == null ? new DeactivationBody(null, null) : body;
        return CurrentCaller.require().flatMap(caller -> service.deactivateRep(caller, id, b.lastDay(), b.reason()))
                .flatMap(this::repView);
    }

    @GetMapping("/api/org/reps/{id}/managers")
    @Operation(summary = "Who manages a person on a day, nearest first", description = "asOf defaults to today. Scoped.")
    Mono<Ids> managers(@PathVariable UUID id, @RequestParam(required = false) LocalDate asOf) {
        LocalDate on = today.orToday(asOf);
        return visibleRep(id, on).then(directory.managersOf(id, on).collectList()).map(ids -> new Ids(id, on, ids));
    }

    @GetMapping("/api/org/reps/{id}/managed-units")
    @Operation(summary = "What a person manages on a day", description = "asOf defaults to today. Scoped.")
    Mono<Ids> managedUnits(@PathVariable UUID id, @RequestParam(required = false) LocalDate asOf) {
        LocalDate on = today.orToday(asOf);
        return visibleRep(id, on).then(directory.unitsManagedBy(id, on).collectList()).map(ids -> new Ids(id, on, ids));
    }

    @GetMapping("/api/org/reps/{id}/audit")
    @Operation(summary = "The audit trail of a person, newest first", description = "Scoped like the person.")
    Mono<AuditPage> repAudit(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size) {
        return visibleRep(id, today.today()).then(auditPage("Rep", id, page, size));
    }

    private Mono<RepView> repView(com.quota.orgdirectory.RepState rep) {
        return Mono.zip(reader.username(rep.id()).defaultIfEmpty(""),
                        reader.unitsManagedBy(rep.id(), today.today()).collectList())
                .map(t -> RepView.of(rep, t.getT1().isEmpty() ? null : t.getT1(), t.getT2(), today.today()));
    }

    private Mono<AuditPage> auditPage(String type, UUID id, int page, int size) {
        new FieldCheck().when(page < 0, "page", "must be 0 or more").when(size < 1 || size > 500, "size", "must be 1..500").orFail();
        return Mono.zip(audit.of(type, id, page, size).collectList(), audit.count(type, id))
                .map(t -> new AuditPage(t.getT1(), PageInfo.of(page, size, t.getT2())));
    }

    private Mono<CallerScope> visibleUnit(UUID id, LocalDate on) {
        return scope(on).flatMap(scope -> scope.canSeeUnit(id) ? Mono.just(scope) : Mono.error(new NotVisible("unit " + id)));
    }

    private Mono<CallerScope> visibleRep(UUID id, LocalDate on) {
        return scope(on).flatMap(scope -> scope.canSeeRep(id) ? Mono.just(scope) : Mono.error(new NotVisible("rep " + id)));
    }

    private Mono<CallerScope> scope(LocalDate on) {
        return CurrentCaller.require().flatMap((Caller caller) -> scopes.resolve(caller, on)).doOnNext(scope -> scope.requireScope("org.read"));
    }

    private static List<OrgTreeReader.UnitNode> order(List<UUID> ids, List<OrgTreeReader.UnitNode> nodes) {
        return ids.stream().flatMap(id -> nodes.stream().filter(n -> n.id().equals(id))).toList();
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
