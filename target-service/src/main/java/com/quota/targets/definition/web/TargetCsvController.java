package com.quota.targets.definition.web;

import com.quota.resourceserver.Role;
import com.quota.targets.config.TargetImportProperties;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.application.TargetImport;
import com.quota.targets.definition.persistence.ImportJobStore;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import com.quota.api.paging.Csv;
import com.quota.resourceserver.CurrentCaller;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.application.TargetCommands;
import com.quota.targets.definition.application.TargetCommands.LevelInput;
import com.quota.targets.definition.application.TargetService;
import com.quota.targets.definition.persistence.TargetStore;
import com.quota.targets.web.CsvText;
import com.quota.targets.web.FieldCheck;
import com.quota.targets.web.RowErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A year's targets in and out as CSV: import validated as a whole (all rows or none, per-row report), export streamed. */
@RestController
@Tag(name = "targets", description = "Targets (quotas): year x metric x owner x dimensions, levels, lifecycle, versions")
class TargetCsvController {

    static final List<String> HEADER = List.of("externalRef", "fiscalYear", "metric", "ownerType", "ownerId", "productLine",
            "region", "channel", "customerSegment", "level", "annual", "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08",
            "m09", "m10", "m11", "m12");

    private final TargetService targets;
    private final TargetStore store;
    private final TargetImport imports;
    private final ImportJobStore jobs;
    private final TargetImportProperties settings;
    private final JsonMapper json;

    TargetCsvController(TargetService targets, TargetStore store, TargetImport imports, ImportJobStore jobs,
                        TargetImportProperties settings, JsonMapper json) {
        this.targets = targets;
        this.store = store;
        this.imports = imports;
        this.jobs = jobs;
        this.settings = settings;
        this.json = json;
    }

    /** Named apart from the actuals import's result: springdoc names a schema by the simple class name. */
    @Schema(name = "TargetImportResult")
    record ImportResult(int created) {
    }

    /** A CSV import job: its progress, and when done the created count or every bad row. */
    record ImportJobView(UUID id, String status, String phase, int totalRows, int processedRows, Integer createdTargets,
                         JsonNode errors, Instant createdAt, Instant finishedAt) {

        static ImportJobView of(ImportJobStore.Job job, JsonMapper json) {
            return new ImportJobView(job.id(), job.status(), job.phase(), job.totalRows(), job.processedRows(),
                    job.createdTargets(), job.errors() == null ? null : json.readTree(job.errors()), job.createdAt(),
                    job.finishedAt());
        }
    }

    @PostMapping(path = "/api/targets/import", consumes = "text/csv")
    @Operation(summary = "Import targets from CSV (one row per target, TARGET level): all rows or none",
            description = "Header externalRef,fiscalYear,metric,ownerType,ownerId,productLine,region,channel,customerSegment,"
                    + "level,annual,m01..m12 (months optional: empty means spread evenly). Every row is validated first (shape, "
                    + "unknown owner, scope, months not adding up, duplicates in the file or stored); any bad row refuses the file "
                    + "with a report of every bad row (422 import-rows-invalid) and nothing is written. Rows are created as DRAFTs "
                    + "in one transaction. A file of more than quota.targets.import.job-threshold-rows rows (default 1000), or any "
                    + "file sent with 'Prefer: respond-async', runs as a job: 202 with Location /api/targets/import-jobs/{id}.")
    Mono<ResponseEntity<Object>> importCsv(@io.swagger.v3.oas.annotations.parameters.RequestBody(content =
                                                   @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                                                           schema = @Schema(type = "string"))) @RequestBody Flux<DataBuffer> file,
                                           @RequestHeader(name = "Prefer", required = false) String prefer) {
        return CsvFiles.read(file, settings.maxFileSize()).flatMap(csv -> importCsv(csv, prefer));
    }

    private Mono<ResponseEntity<Object>> importCsv(String csv, String prefer) {
        List<List<String>> rows = CsvText.parse(csv);
        if (rows.isEmpty() || !rows.get(0).stream().map(String::strip).toList().equals(HEADER)) {
            new FieldCheck().add("header", "must be " + String.join(",", HEADER)).orFail();
        }
        RowErrors errors = new RowErrors();
        List<TargetImport.Row> parsed = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            TargetCommands.CreateTarget command = parse(rows.get(i), i + 1, errors);
            if (command != null) {
                parsed.add(new TargetImport.Row(i + 1, command));
            }
        }
        int total = rows.size() - 1;
        List<TargetImport.RowError> shapeErrors = errors.entries().stream().map(e -> new TargetImport.RowError(
                (Integer) e.get("row"), (String) e.get("field"), (String) e.get("message"))).toList();
        boolean asJob = total > settings.jobThresholdRows() || prefer != null && prefer.contains("respond-async");
        return CurrentCaller.require().flatMap(caller -> targets.scope(caller).flatMap(scope -> {
            scope.requireScope("targets.write");
            if (asJob) {
                return imports.startJob(caller, parsed, shapeErrors, total).flatMap(jobs::find)
                        .map(job -> ResponseEntity.accepted().location(URI.create("/api/targets/import-jobs/" + job.id()))
                                .<Object>body(ImportJobView.of(job, json)));
            }
            return imports.importRows(caller, parsed, shapeErrors)
                    .map(created -> ResponseEntity.ok().<Object>body(new ImportResult(created)))
                    .onErrorMap(TargetImport.RowsInvalid.class, e -> {
                        RowErrors all = new RowErrors();
                        e.errors().forEach(error -> all.add(error.row(), error.field(), error.message()));
                        try {
                            all.orFail(total);
                        } catch (RuntimeException problem) {
                            return problem;
                        }
                        return e;
                    });
        }));
    }

    @GetMapping("/api/targets/import-jobs/{id}")
    @Operation(summary = "A CSV import job: progress, then the result (created count, or every bad row with nothing written)",
            description = "status RUNNING | SUCCEEDED | FAILED, phase VALIDATING | WRITING | DONE, processedRows of totalRows. "
                    + "Visible to whoever started it and ADMIN; anyone else 404.")
    Mono<ImportJobView> importJob(@PathVariable UUID id) {
        return CurrentCaller.require().flatMap(caller -> jobs.find(id)
                .filter(job -> job.createdBy().equals(caller.sub()) || caller.hasRole(Role.ADMIN))
                .switchIfEmpty(Mono.error(() -> new NotVisible("import job " + id)))
                .map(job -> ImportJobView.of(job, json)));
    }

    @GetMapping(path = "/api/targets/export.csv", produces = "text/csv")
    @Operation(summary = "Export targets as CSV (streamed, scoped)",
            description = "One row per target and level with the newest version's status and months; filters fiscalYear, metric, ownerType, ownerId.")
    Mono<ResponseEntity<Flux<String>>> export(@RequestParam(required = false) Integer fiscalYear,
                                             @RequestParam(required = false) String metric,
                                             @RequestParam(required = false) String ownerType,
                                             @RequestParam(required = false) java.util.UUID ownerId) {
        new FieldCheck().oneOf("metric", metric, names(Metric.values())).oneOf("ownerType", ownerType, names(OwnerType.values())).orFail();
        TargetStore.ListFilter filter = new TargetStore.ListFilter(fiscalYear, metric == null ? null : Metric.valueOf(metric),
                ownerType == null ? null : OwnerType.valueOf(ownerType), ownerId, null, null, null, null, null);
        List<String> header = new ArrayList<>(List.of("id", "versionNumber", "status"));
        header.addAll(HEADER);
        return CurrentCaller.require().flatMap(targets::scope).map(scope -> {
            scope.requireScope("targets.read");
            Flux<List<String>> rows = store.export(filter, TargetService.listPredicate(scope)).map(r -> {
                List<String> line = new ArrayList<>(List.of(r.target().id().toString(), String.valueOf(r.versionNumber()), r.status(),
                        nullToEmpty(r.target().externalRef()), String.valueOf(r.target().fiscalYear()), r.target().metric().name(),
                        r.target().ownerType().name(), r.target().ownerId().toString(),
                        nullToEmpty(r.target().dimensions().productLine()), nullToEmpty(r.target().dimensions().region()),
                        nullToEmpty(r.target().dimensions().channel()), nullToEmpty(r.target().dimensions().customerSegment()),
                        r.level(), r.months().stream().reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString()));
                r.months().forEach(m -> line.add(m.toPlainString()));
                return line;
            });
            return Csv.stream("targets.csv", header, rows);
        });
    }

    private static TargetCommands.CreateTarget parse(List<String> row, int number, RowErrors errors) {
        if (row.size() != HEADER.size()) {
            errors.add(number, "row", HEADER.size() + " fields expected, got " + row.size());
            return null;
        }
        int before = errors.size();
        Integer year = integer(row.get(1));
        if (year == null || year < 2000 || year > 2100) {
            errors.add(number, "fiscalYear", "must be 2000..2100");
        }
        String metric = trim(row.get(2));
        if (metric == null || !names(Metric.values()).contains(metric)) {
            errors.add(number, "metric", "must be one of " + names(Metric.values()));
        }
        String ownerType = trim(row.get(3));
        if (ownerType == null || !names(OwnerType.values()).contains(ownerType)) {
            errors.add(number, "ownerType", "must be UNIT or REP");
        }
        java.util.UUID ownerId = null;
        try {
            ownerId = java.util.UUID.fromString(trim(row.get(4)));
        } catch (RuntimeException e) {
            errors.add(number, "ownerId", "not a UUID");
        }
        String level = trim(row.get(9)) == null ? "TARGET" : trim(row.get(9));
        if (!names(TargetLevel.values()).contains(level)) {
            errors.add(number, "level", "must be one of " + names(TargetLevel.values()));
        }
        BigDecimal annual = decimal(row.get(10), number, "annual", errors);
        List<String> monthTexts = row.subList(11, 23);
        List<BigDecimal> months = null;
        if (monthTexts.stream().anyMatch(m -> trim(m) != null)) {
            months = IntStream.range(0, 12).mapToObj(m -> decimal(monthTexts.get(m), number, HEADER.get(11 + m), errors)).toList();
        }
        if (annual == null && months == null && trim(row.get(10)) == null) {
            errors.add(number, "annual", "an annual amount or 12 months");
        }
        if (errors.size() > before) {
            return null;
        }
        if (months != null && months.stream().anyMatch(m -> m == null)) {
            errors.add(number, "months", "all 12 months or none");
            return null;
        }
        Map<TargetLevel, LevelInput> levels = new EnumMap<>(TargetLevel.class);
        levels.put(TargetLevel.valueOf(level), new LevelInput(annual, months));
        return new TargetCommands.CreateTarget(trim(row.get(0)), year, Metric.valueOf(metric), OwnerType.valueOf(ownerType), ownerId,
                new Dimensions(trim(row.get(5)), trim(row.get(6)), trim(row.get(7)), trim(row.get(8))), null, levels, null);
    }

    private static BigDecimal decimal(String text, int number, String field, RowErrors errors) {
        String value = trim(text);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() < 0) {
                errors.add(number, field, "must not be negative");
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            errors.add(number, field, "not a decimal number");
            return null;
        }
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
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
