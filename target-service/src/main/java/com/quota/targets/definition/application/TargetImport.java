package com.quota.targets.definition.application;

import com.quota.resourceserver.Caller;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.RoleMayNot;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.definition.application.TargetCommands.CreateTarget;
import com.quota.targets.config.TargetImportProperties;
import com.quota.targets.definition.persistence.ImportJobStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A bulk import of targets, validated as a whole: every row is checked (shape by the web layer, then the domain's own
 * checks and duplicates within the file) before anything is written, so the report names every bad row; then all rows
 * are created in one transaction, or none. A large file runs as a job whose progress and result are stored.
 */
@Service
public class TargetImport {

    /** One parsed row: its line number in the file and what it creates. */
    public record Row(int number, CreateTarget command) {
    }

    /** One bad row: its line number, the field or rule it breaks, and why. */
    public record RowError(int row, String field, String message) {
    }

    /** The rows were refused: every bad row. */
    public static final class RowsInvalid extends RuntimeException {
        private final List<RowError> errors;

        public RowsInvalid(List<RowError> errors) {
            super(errors.size() + " bad row(s)");
            this.errors = List.copyOf(errors);
        }

        public List<RowError> errors() {
            return errors;
        }
    }

    private static final int PROGRESS_EVERY = 100;

    private final TargetService targets;
    private final ImportJobStore jobs;
    private final JsonMapper json;
    private final TargetImportProperties settings;

    public TargetImport(TargetService targets, ImportJobStore jobs, JsonMapper json,
                        TargetImportProperties settings) {
        this.targets = targets;
        this.jobs = jobs;
        this.json = json;
        this.settings = settings;
    }

    /**
     * Fails the jobs whose instance stopped mid-way (no heartbeat for the lease): their status says so instead of
     * RUNNING forever. Safe on several instances at once; emits the jobs failed.
     */
    public Flux<UUID> failInterruptedJobs() {
        return jobs.failInterrupted(settings.jobLease(), json(List.of(new RowError(0, "job", "interrupted: the instance"
                + " running the import stopped before it finished (no heartbeat for " + settings.jobLease().toSeconds()
                + " s); nothing of it was written, import the file again"))));
    }

    /**
     * Validates every row (the shape errors the web layer found are reported with the rest), then creates them all in one
     * transaction; any bad row: {@link RowsInvalid} with every bad row.
     */
    public Mono<Integer> importRows(Caller caller, List<Row> rows, List<RowError> shapeErrors) {
        return validate(caller, rows, done -> Mono.empty())
                .map(errors -> merged(shapeErrors, errors))
                .flatMap(errors -> errors.isEmpty() ? write(caller, rows) : Mono.error(new RowsInvalid(errors)));
    }

    private static List<RowError> merged(List<RowError> shapeErrors, List<RowError> errors) {
        List<RowError> all = new ArrayList<>(shapeErrors);
        all.addAll(errors);
        all.sort(java.util.Comparator.comparingInt(RowError::row));
        return all;
    }

    /** Starts the job of a large file: the answer is its id; the work goes on after the request has been answered. */
    public Mono<UUID> startJob(Caller caller, List<Row> rows, List<RowError> shapeErrors, int totalRows) {
        UUID id = com.quota.targets.definition.Ids.newId();
        return jobs.start(id, totalRows, caller.sub()).doOnSuccess(started -> runJob(id, caller, rows, shapeErrors).subscribe())
                .thenReturn(id);
    }

    private Mono<Void> runJob(UUID id, Caller caller, List<Row> rows, List<RowError> shapeErrors) {
        Mono<List<RowError>> checked = validate(caller, rows, done -> jobs.progress(id, "VALIDATING", done))
                .map(errors -> merged(shapeErrors, errors));
        Sinks.One<Boolean> finished = Sinks.one();
        Mono<Void> work = checked.flatMap(errors -> errors.isEmpty()
                        ? jobs.progress(id, "WRITING", rows.size()).then(write(caller, rows)).flatMap(created -> jobs.succeeded(id, created))
                        : jobs.failed(id, json(errors)))
                .onErrorResume(RowsInvalid.class, e -> jobs.failed(id, json(e.errors())))
                .onErrorResume(e -> jobs.failed(id, json(List.of(new RowError(0, "job", "the import failed: " + e.getMessage())))))
                .doFinally(signal -> finished.tryEmitValue(true));
        // beats while it runs (the write is one long transaction), so no instance takes it for interrupted
        Mono<Void> heartbeat = Flux.interval(settings.jobHeartbeat()).concatMap(tick -> jobs.heartbeat(id))
                .takeUntilOther(finished.asMono()).then();
        return Mono.when(work, heartbeat);
    }

    /**
     * The domain's checks for every row (nothing written) and duplicates within the file; an empty list: all good. What
     * the checks read (scope, settings, owners, stored duplicates) is read once for the whole file, then each row is
     * checked in memory; progress is reported every {@value #PROGRESS_EVERY} rows as before.
     */
    Mono<List<RowError>> validate(Caller caller, List<Row> rows, Function<Integer, Mono<Void>> progress) {
        List<RowError> inFile = duplicatesInFile(rows);
        return targets.prepareCreates(caller, commands(rows), true).flatMap(batch -> Flux.range(0, rows.size())
                .concatMap(i -> {
                    Mono<RowError> check = Mono.fromCallable(() -> checked(batch, i, rows.get(i)));
                    return (i + 1) % PROGRESS_EVERY == 0 || i + 1 == rows.size()
                            ? check.concatWith(progress.apply(i + 1).then(Mono.empty())) : check;
                })
                .collectList())
                .map(errors -> {
                    List<RowError> all = new ArrayList<>(errors);
                    all.addAll(inFile);
                    all.sort(java.util.Comparator.comparingInt(RowError::row));
                    return all;
                });
    }

    /** The row's error, or null when it is good; anything but a row's problem fails the import as before. */
    private static RowError checked(TargetService.CreateBatch batch, int i, Row row) {
        try {
            batch.check(i);
            return null;
        } catch (RuntimeException e) {
            if (isRowProblem(e)) {
                return rowError(row.number(), e);
            }
            throw e;
        }
    }

    /**
     * Creates every row in one transaction (a handful of statements for the whole file); a row that fails now (a
     * concurrent create) rolls all back and is reported.
     */
    Mono<Integer> write(Caller caller, List<Row> rows) {
        return targets.createAll(caller, commands(rows))
                .onErrorMap(TargetService.RowFailed.class, e -> isRowProblem(e.getCause())
                        ? new RowsInvalid(List.of(rowError(e.index() < 0 ? 0 : rows.get(e.index()).number(), e.getCause())))
                        : e.getCause());
    }

    private static List<CreateTarget> commands(List<Row> rows) {
        return rows.stream().map(Row::command).toList();
    }

    private static List<RowError> duplicatesInFile(List<Row> rows) {
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> byIdentity = new HashMap<>();
        Map<String, Integer> byRef = new HashMap<>();
        for (Row row : rows) {
            CreateTarget c = row.command();
            String identity = c.fiscalYear() + "|" + c.metric() + "|" + c.ownerType() + "|" + c.ownerId() + "|" + c.dimensions();
            Integer first = byIdentity.putIfAbsent(identity, row.number());
            if (first != null) {
                errors.add(new RowError(row.number(), "duplicate", "the same year, metric, owner and dimensions as row " + first));
            }
            if (c.externalRef() != null) {
                Integer firstRef = byRef.putIfAbsent(c.externalRef(), row.number());
                if (firstRef != null) {
                    errors.add(new RowError(row.number(), "externalRef", "the same externalRef as row " + firstRef));
                }
            }
        }
        return errors;
    }

    private static boolean isRowProblem(Throwable e) {
        return e instanceof RuleViolation || e instanceof NotVisible || e instanceof RoleMayNot
                || e instanceof TargetService.Duplicate || e instanceof ArithmeticException || e instanceof RowsInvalid;
    }

    private static RowError rowError(int row, Throwable e) {
        if (e instanceof RowsInvalid invalid) {
            return invalid.errors().get(0);
        }
        if (e instanceof RuleViolation rule) {
            return new RowError(row, rule.slug(), rule.getMessage());
        }
        if (e instanceof NotVisible) {
            return new RowError(row, "ownerId", "not found in your scope: " + e.getMessage());
        }
        if (e instanceof RoleMayNot) {
            return new RowError(row, "forbidden", e.getMessage());
        }
        if (e instanceof TargetService.Duplicate) {
            return new RowError(row, "duplicate", e.getMessage());
        }
        return new RowError(row, "too-many-decimals", "an amount has more decimals than the currency's minor unit");
    }

    private String json(List<RowError> errors) {
        return json.writeValueAsString(errors);
    }
}
