package com.quota.targets.planning.web;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.CurrentCaller;
import com.quota.resourceserver.Role;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.definition.Ids;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.RoleMayNot;
import com.quota.targets.definition.VersionMismatch;
import com.quota.targets.definition.application.TargetService;
import com.quota.targets.definition.persistence.PlanningDataStore;
import com.quota.targets.definition.persistence.PlanningDataStore.Actual;
import com.quota.targets.definition.persistence.PlanningDataStore.Profile;
import com.quota.targets.web.CsvText;
import com.quota.targets.web.FieldCheck;
import com.quota.targets.web.RowErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The data that allocation and distribution weigh by: historical actuals per owner × metric × month (JSON or CSV,
 * validated as a whole: all rows or none) and named seasonal profiles (CRUD).
 */
@RestController
@Tag(name = "planning data", description = "Historical actuals and seasonal profiles")
class PlanningDataController {

    static final List<String> ACTUALS_HEADER = List.of("ownerType", "ownerId", "metric", "fiscalYear", "month", "amount");

    private final PlanningDataStore store;
    private final OrgDirectory directory;
    private final TargetService targets;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final com.quota.targets.config.TargetImportProperties imports;

    PlanningDataController(PlanningDataStore store, OrgDirectory directory, TargetService targets, AuditLog audit,
                           TransactionalOperator transactions, com.quota.targets.config.TargetImportProperties imports) {
        this.imports = imports;
        this.store = store;
        this.directory = directory;
        this.targets = targets;
        this.audit = audit;
        this.transactions = transactions;
    }

    record ActualBody(String ownerType, UUID ownerId, String metric, Integer fiscalYear, Integer month, String amount) {
    }

    record ActualsBody(List<ActualBody> rows) {
    }

    /** Named apart from the target import's result: springdoc names a schema by the simple class name. */
    @Schema(name = "ActualsImportResult")
    record ImportResult(int rows) {
    }

    record ActualView(String ownerType, UUID ownerId, String metric, int fiscalYear, int month, String amount) {
        static ActualView of(Actual a) {
            return new ActualView(a.ownerType().name(), a.ownerId(), a.metric().name(), a.fiscalYear(), a.month(),
                    a.amount().stripTrailingZeros().toPlainString());
        }
    }

    record ProfileBody(String name, List<String> weights) {
    }

    record ProfileView(UUID id, String name, List<String> weights, long version) {
        static ProfileView of(Profile p) {
            return new ProfileView(p.id(), p.name(), p.weights().stream().map(w -> w.stripTrailingZeros().toPlainString()).toList(),
                    p.version());
        }
    }

    @PostMapping("/api/targets/historical-actuals")
    @Operation(summary = "Load historical actuals (JSON rows): all rows or none",
            description = "ADMIN, DIRECTOR or INTEGRATION with targets.write. Upserts per owner x metric x year x month. "
                    + "Any bad row (unknown owner, negative amount, month outside 1..12) refuses all with a per-row report (422).")
    Mono<ImportResult> actuals(@RequestBody ActualsBody body) {
        List<List<String>> rows = body.rows() == null ? List.of() : body.rows().stream().map(r -> Arrays.asList(
                r.ownerType(), r.ownerId() == null ? null : r.ownerId().toString(), r.metric(),
                r.fiscalYear() == null ? null : r.fiscalYear().toString(), r.month() == null ? null : r.month().toString(),
                r.amount())).toList();
        return importActuals(rows, 1);
    }

    @PostMapping(path = "/api/targets/historical-actuals", consumes = "text/csv")
    @Operation(summary = "Load historical actuals from CSV: all rows or none",
            description = "Header ownerType,ownerId,metric,fiscalYear,month,amount. Rows are numbered from 2 (the header is row 1).")
    Mono<ImportResult> actualsCsv(@io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
                                  @RequestBody reactor.core.publisher.Flux<org.springframework.core.io.buffer.DataBuffer> file) {
        return com.quota.targets.definition.web.CsvFiles.read(file, imports.maxFileSize()).flatMap(this::actualsCsv);
    }

    private Mono<ImportResult> actualsCsv(String csv) {
        List<List<String>> rows = CsvText.parse(csv);
        if (rows.isEmpty() || !rows.get(0).stream().map(String::strip).toList().equals(ACTUALS_HEADER)) {
            new FieldCheck().add("header", "must be " + String.join(",", ACTUALS_HEADER)).orFail();
        }
        return importActuals(rows.subList(1, rows.size()), 2);
    }

    @GetMapping("/api/targets/historical-actuals")
    @Operation(summary = "An owner's historical actuals of a metric in a year", description = "Scoped like the owner.")
    Mono<List<ActualView>> actualsOf(@RequestParam UUID ownerId, @RequestParam String metric, @RequestParam int fiscalYear,
                                     @RequestParam(defaultValue = "REP") String ownerType) {
        new FieldCheck().oneOf("metric", metric, names(Metric.values())).oneOf("ownerType", ownerType, names(OwnerType.values())).orFail();
        return CurrentCaller.require().flatMap(targets::scope).flatMap(scope -> {
            scope.requireScope("targets.read");
            boolean visible = OwnerType.valueOf(ownerType) == OwnerType.REP ? scope.canSeeRep(ownerId) : scope.canSeeUnit(ownerId);
            if (!visible) {
                return Mono.error(new NotVisible("owner " + ownerId));
            }
            return store.actuals(ownerId, Metric.valueOf(metric), fiscalYear).map(ActualView::of).collectList();
        });
    }

    private Mono<ImportResult> importActuals(List<List<String>> rows, int firstRowNumber) {
        return CurrentCaller.require().flatMap(caller -> {
            requireMayLoad(caller);
            RowErrors errors = new RowErrors();
            List<Actual> parsed = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Actual actual = parse(rows.get(i), firstRowNumber + i, errors);
                if (actual != null) {
                    parsed.add(actual);
                }
            }
            errors.orFail(rows.size());
            if (parsed.isEmpty()) {
                new FieldCheck().add("rows", "no rows to import").orFail();
            }
            // unknown owners are row errors too: checked before anything is written
            return Flux.range(0, parsed.size())
                    .concatMap(i -> known(parsed.get(i)).filter(known -> !known).map(unknown -> i))
                    .collectList()
                    .flatMap(unknown -> {
                        unknown.forEach(i -> errors.add(firstRowNumber + i, "ownerId", "not an active " + parsed.get(i).ownerType()
                                .name().toLowerCase() + " of the org tree"));
                        errors.orFail(rows.size());
                        return transactions.transactional(store.saveActuals(parsed)
                                .then(audit.record(caller, "historical-actuals.imported", "HistoricalActuals", new UUID(0, 2),
                                        null, Map.of("rows", parsed.size()), null)))
                                .thenReturn(new ImportResult(parsed.size()));
                    });
        });
    }

    private Mono<Boolean> known(Actual a) {
        return (a.ownerType() == OwnerType.REP ? directory.rep(a.ownerId()).map(r -> true) : directory.unit(a.ownerId()).map(u -> true))
                .defaultIfEmpty(false);
    }

    private static Actual parse(List<String> row, int number, RowErrors errors) {
        if (row.size() != ACTUALS_HEADER.size()) {
            errors.add(number, "row", ACTUALS_HEADER.size() + " fields expected, got " + row.size());
            return null;
        }
        int before = errors.size();
        String ownerType = trim(row.get(0));
        if (ownerType == null || !names(OwnerType.values()).contains(ownerType)) {
            errors.add(number, "ownerType", "must be UNIT or REP");
        }
        UUID owner = null;
        try {
            owner = UUID.fromString(trim(row.get(1)));
        } catch (RuntimeException e) {
            errors.add(number, "ownerId", "not a UUID");
        }
        String metric = trim(row.get(2));
        if (metric == null || !names(Metric.values()).contains(metric)) {
            errors.add(number, "metric", "must be one of " + names(Metric.values()));
        }
        Integer year = integer(row.get(3));
        if (year == null || year < 2000 || year > 2100) {
            errors.add(number, "fiscalYear", "must be 2000..2100");
        }
        Integer month = integer(row.get(4));
        if (month == null || month < 1 || month > 12) {
            errors.add(number, "month", "must be 1..12");
        }
        BigDecimal amount = null;
        try {
            amount = new BigDecimal(trim(row.get(5)));
            if (amount.signum() < 0) {
                errors.add(number, "amount", "must not be negative");
            }
        } catch (RuntimeException e) {
            errors.add(number, "amount", "not a decimal number");
        }
        if (errors.size() > before) {
            return null;
        }
        return new Actual(OwnerType.valueOf(ownerType), owner, Metric.valueOf(metric), year, month, amount);
    }

    @GetMapping("/api/targets/profiles")
    @Operation(summary = "The seasonal profiles", description = "Any authenticated caller.")
    Mono<List<ProfileView>> profiles() {
        return CurrentCaller.require().then(store.profiles().map(ProfileView::of).collectList());
    }

    @GetMapping("/api/targets/profiles/{id}")
    @Operation(summary = "One seasonal profile")
    Mono<ResponseEntity<ProfileView>> profile(@PathVariable UUID id) {
        return CurrentCaller.require().then(store.profile(id))
                .switchIfEmpty(Mono.error(() -> new NotVisible("profile " + id)))
                .map(p -> ResponseEntity.ok().eTag("\"" + p.version() + "\"").body(ProfileView.of(p)));
    }

    @PostMapping("/api/targets/profiles")
    @Operation(summary = "Create a seasonal profile: a unique name and 12 non-negative weights, not all zero",
            description = "ADMIN, DIRECTOR or MANAGER. A duplicate name is 409.")
    Mono<ResponseEntity<ProfileView>> createProfile(@RequestBody ProfileBody body) {
        List<BigDecimal> weights = weights(body);
        return CurrentCaller.require().flatMap(caller -> {
            requireMayShape(caller);
            Profile profile = new Profile(Ids.newId(), body.name().strip(), weights, 1);
            return transactions.transactional(store.insertProfile(profile)
                            .then(audit.record(caller, "profile.created", "SeasonalProfile", profile.id(), null, ProfileView.of(profile), null)))
                    .onErrorMap(DataIntegrityViolationException.class, e -> new TargetService.Duplicate("a profile named " + body.name() + " exists"))
                    .thenReturn(ResponseEntity.status(HttpStatus.CREATED).eTag("\"1\"").body(ProfileView.of(profile)));
        });
    }

    @PutMapping("/api/targets/profiles/{id}")
    @Operation(summary = "Change a seasonal profile", description = "If-Match required (428/412).")
    Mono<ResponseEntity<ProfileView>> updateProfile(@PathVariable UUID id, @RequestBody ProfileBody body,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        List<BigDecimal> weights = weights(body);
        return CurrentCaller.require().flatMap(caller -> {
            requireMayShape(caller);
            return transactions.transactional(store.profile(id)
                    .switchIfEmpty(Mono.error(() -> new NotVisible("profile " + id)))
                    .flatMap(before -> {
                        VersionMismatch.check(ifMatch, before.version());
                        Profile after = new Profile(id, body.name().strip(), weights, before.version() + 1);
                        return store.updateProfile(after, before.version()).flatMap(rows -> rows == 0
                                ? Mono.<Profile>error(VersionMismatch.stale(before.version()))
                                : audit.record(caller, "profile.changed", "SeasonalProfile", id, ProfileView.of(before),
                                ProfileView.of(after), null).thenReturn(after));
                    }))
                    .map(p -> ResponseEntity.ok().eTag("\"" + p.version() + "\"").body(ProfileView.of(p)));
        });
    }

    @DeleteMapping("/api/targets/profiles/{id}")
    @Operation(summary = "Delete a seasonal profile", description = "If-Match required (428/412).")
    Mono<ResponseEntity<Void>> deleteProfile(@PathVariable UUID id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return CurrentCaller.require().flatMap(caller -> {
            requireMayShape(caller);
            return transactions.transactional(store.profile(id)
                    .switchIfEmpty(Mono.error(() -> new NotVisible("profile " + id)))
                    .flatMap(before -> {
                        VersionMismatch.check(ifMatch, before.version());
                        return store.deleteProfile(id, before.version()).flatMap(rows -> rows == 0
                                ? Mono.<Void>error(VersionMismatch.stale(before.version()))
                                : audit.record(caller, "profile.deleted", "SeasonalProfile", id, ProfileView.of(before), null, null));
                    }))
                    .thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }

    private static List<BigDecimal> weights(ProfileBody body) {
        FieldCheck check = new FieldCheck().required("name", body.name()).required("weights", body.weights())
                .when(body.weights() != null && body.weights().size() != 12, "weights", "12 weights expected");
        List<BigDecimal> weights = new ArrayList<>();
        if (body.weights() != null) {
            for (String w : body.weights()) {
                try {
                    BigDecimal value = new BigDecimal(w);
                    check.when(value.signum() < 0, "weights", "must not be negative");
                    weights.add(value);
                } catch (RuntimeException e) {
                    check.add("weights", "not a decimal number");
                }
            }
            check.when(!weights.isEmpty() && weights.stream().allMatch(w -> w.signum() == 0), "weights", "not all zero");
        }
        check.orFail();
        return weights;
    }

    private static void requireMayLoad(Caller caller) {
        if (caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR) || caller.hasRole(Role.INTEGRATION) && caller.hasScope("targets.write")) {
            return;
        }
        throw new RoleMayNot("only ADMIN, DIRECTOR or an integration with targets.write may load historical actuals");
    }

    private static void requireMayShape(Caller caller) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER)) {
            throw new RoleMayNot("only ADMIN, DIRECTOR or MANAGER may change seasonal profiles");
        }
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(trim(text));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
