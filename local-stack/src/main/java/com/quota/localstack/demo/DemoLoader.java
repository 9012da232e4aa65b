package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoStep.Call;
import com.quota.localstack.demo.DemoStep.MissingReference;
import com.quota.localstack.demo.DemoStep.Request;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Loads the demo company through the gateway's public API with real tokens (never SQL), one {@link DemoStep} per
 * service capability. A step whose endpoint answers 404 or 405 to its first request (before it loaded anything) is
 * skipped and named, as are the steps that need its data; everything else is counted and reported.
 */
public final class DemoLoader {

    /** What became of a step. */
    public enum Outcome { LOADED, SKIPPED, FAILED }

    /**
     * One step's result: {@code created} new items, {@code existing} already there (409 on a rerun),
     * {@code failed} refused; {@code note} says why a step was skipped or what the first failures were.
     */
    public record StepReport(String step, Outcome outcome, int total, int created, int existing, int failed, String note) {
    }

    /** The whole load's result, step by step. */
    public record Report(List<StepReport> steps) {
        public Report {
            steps = List.copyOf(steps);
        }

        public Optional<StepReport> step(String name) {
            return steps.stream().filter(s -> s.step().equals(name)).findFirst();
        }

        public long count(Outcome outcome) {
            return steps.stream().filter(s -> s.outcome() == outcome).count();
        }
    }

    private static final int FAILURES_SHOWN = 3;
    private static final int PROGRESS_FROM = 100;
    /** How long a call waits for org data that another service has published but this one has not applied yet. */
    static final Duration NOT_YET_KNOWN_PATIENCE = Duration.ofSeconds(60);

    private final DemoApi api;
    private final URI gateway;
    private final DemoCompany company;
    private final DemoDataset data;
    private final DemoTokens tokens;
    private final Consumer<String> out;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    public DemoLoader(URI gateway, DemoCompany company, DemoDataset data, DemoTokens tokens, Consumer<String> out) {
        this.api = new DemoApi(gateway);
        this.gateway = gateway;
        this.company = company;
        this.data = data;
        this.tokens = tokens;
        this.out = out;
    }

    /** Runs every step in order and prints what it loaded and what it skipped. */
    public Report load() {
        out.accept(String.format("demo data: %s, FY%d — %d units, %d people, %d targets, %d accounts, %d opportunities, "
                        + "%d contracts, %d payments — through %s",
                company.company().name(), data.fiscalYear(), company.units().size(), company.people().size(),
                data.targets().size(), data.accounts().size(), data.opportunities().size(), data.contracts().size(),
                data.payments().size(), gateway));
        Map<String, StepReport> done = new LinkedHashMap<>();
        for (DemoStep step : DemoSteps.all(company, data, out)) {
            StepReport report = run(step, done);
            done.put(step.name(), report);
            out.accept(describe(report));
        }
        Report report = new Report(List.copyOf(done.values()));
        out.accept(String.format("demo data: steps loaded %d, skipped %d, failed %d",
                report.count(Outcome.LOADED), report.count(Outcome.SKIPPED), report.count(Outcome.FAILED)));
        return report;
    }

    private StepReport run(DemoStep step, Map<String, StepReport> done) {
        int total = step.calls().size();
        for (String need : step.needs()) {
            StepReport before = done.get(need);
            if (before == null || before.outcome() != Outcome.LOADED) {
                String why = before == null ? "not run" : before.outcome().name().toLowerCase();
                return new StepReport(step.name(), Outcome.SKIPPED, total, 0, 0, 0, "needs " + need + " (" + why + ")");
            }
        }
        try {
            token(step);
        } catch (RuntimeException e) {
            return new StepReport(step.name(), Outcome.FAILED, total, 0, 0, total, "no token: " + e.getMessage());
        }
        int created = 0;
        int existing = 0;
        int failed = 0;
        boolean answered = false;
        List<String> failures = new ArrayList<>();
        Map<String, DemoApi.Response> collections = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            Call call = step.calls().get(i);
            Request request;
            try {
                request = call.request().apply(ref -> Optional.ofNullable(ids.get(ref)));
            } catch (MissingReference e) {
                failed++;
                note(failures, e.getMessage());
                continue;
            }
            // asked per call, not per step: a long step outlives a token (DemoTokens refreshes it before it expires)
            String token;
            try {
                token = token(step);
            } catch (RuntimeException e) {
                failed++;
                note(failures, "no token: " + e.getMessage());
                continue;
            }
            if (found(existing(step, call, request, token, collections), call)) {
                existing++; // created by an earlier run whose Idempotency-Keys have expired
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (call.ref() != null && step.method().equals("POST")) {
                headers.put("Idempotency-Key", call.ref());
            }
            DemoApi.Response response = sendWhenKnown(step, request, token, headers);
            if (!answered && (response.status() == 404 || response.status() == 405)) {
                return new StepReport(step.name(), Outcome.SKIPPED, total, 0, 0, 0,
                        "endpoint not available yet (" + step.endpoint() + ")");
            }
            answered = true;
            if (response.ok()) {
                created++;
                remember(call, response.json().path("id").asString(""));
                step.onSuccess().accept(response);
            } else if (response.status() == 409 && call.ref() != null && found(lookUp(step, call.ref(), token), call)) {
                // a rerun: the item is there from before (a 409 that is a refused transition is a failure, below)
                existing++;
            } else {
                failed++;
                note(failures, response.summary());
            }
            if (total >= PROGRESS_FROM && (i + 1) % (total / 10) == 0 && i + 1 < total) {
                out.accept(String.format("  %s: %d/%d", step.name(), i + 1, total));
            }
        }
        Outcome outcome = created + existing > 0 || total == 0 ? Outcome.LOADED : Outcome.FAILED;
        return new StepReport(step.name(), outcome, total, created, existing, failed, String.join("; ", failures));
    }

    /**
     * Sends a call; an update first reads the current {@code ETag} for its {@code If-Match}. A service answers 422
     * "not yet known here" while the org events of an earlier step are still on their way to it: the call is retried
     * until the service has them (up to {@link #NOT_YET_KNOWN_PATIENCE}).
     */
    private DemoApi.Response sendWhenKnown(DemoStep step, Request request, String token, Map<String, String> headers) {
        long giveUpAt = System.nanoTime() + NOT_YET_KNOWN_PATIENCE.toNanos();
        long pauseMillis = 100;
        while (true) {
            if (request.ifMatchFrom() != null) {
                DemoApi.Response current = api.send("GET", request.ifMatchFrom(), token, null, Map.of());
                String etag = current.header("ETag");
                if (etag != null) {
                    headers.put("If-Match", etag);
                }
            }
            DemoApi.Response response = api.send(step.method(), path(step.pathTemplate(), request.pathArguments()),
                    token, request.body(), headers);
            boolean notYetKnown = response.status() == 422 && response.problemType().endsWith("/not-yet-known-here");
            if (!notYetKnown || System.nanoTime() > giveUpAt) {
                return response;
            }
            pause(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 2_000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String token(DemoStep step) {
        if (step.caller() == null) {
            return tokens.admin();
        }
        Optional<String> person = DemoTokens.username(step.caller());
        if (person.isPresent()) {
            return tokens.user(person.get());
        }
        String clientId = company.integrationWithScope(step.caller()).orElseThrow(() -> new IllegalStateException(
                "no integration in demo-company.json has the scope " + step.caller())).clientId();
        return tokens.client(clientId);
    }

    private void remember(Call call, String id) {
        String key = call.ref();
        String value = call.knownId() != null ? call.knownId() : id;
        if (key != null && value != null && !value.isBlank()) {
            ids.put(key, value);
        }
    }

    /** Whether an earlier run's item was found; remembers its id when it was. */
    private boolean found(String id, Call call) {
        if (id == null || id.isBlank()) {
            return false;
        }
        remember(call, id);
        return true;
    }

    /** The id of the item an earlier run created with this call's natural key, or null; one read per collection. */
    private String existing(DemoStep step, Call call, Request request, String token, Map<String, DemoApi.Response> collections) {
        if (step.existingPath() == null || call.existing() == null) {
            return null;
        }
        String path = path(step.existingPath(), request.pathArguments());
        DemoApi.Response list = collections.computeIfAbsent(path, p -> api.send("GET", p, token, null, Map.of()));
        if (!list.ok()) {
            return null;
        }
        var items = list.json().isArray() ? list.json() : list.json().path("items");
        for (var item : items) {
            if (call.existing().value().equals(item.path(call.existing().field()).asString(null))) {
                return item.path("id").asString("");
            }
        }
        return null;
    }

    /** The id of an item created by an earlier run, found by its externalRef. */
    private String lookUp(DemoStep step, String ref, String token) {
        if (step.lookupPath() == null) {
            return null;
        }
        DemoApi.Response found = api.send("GET", step.lookupPath() + "?externalRef="
                + URLEncoder.encode(ref, StandardCharsets.UTF_8), token, null, Map.of());
        return found.ok() ? found.json().path("items").path(0).path("id").asString("") : null;
    }

    static String path(String template, List<String> arguments) {
        String path = template;
        for (String argument : arguments) {
            int start = path.indexOf('{');
            int end = path.indexOf('}', start);
            if (start < 0 || end < 0) {
                throw new IllegalArgumentException("more arguments than placeholders in " + template);
            }
            path = path.substring(0, start) + URLEncoder.encode(argument, StandardCharsets.UTF_8) + path.substring(end + 1);
        }
        return path;
    }

    private static void note(List<String> failures, String message) {
        if (failures.size() < FAILURES_SHOWN && !failures.contains(message)) {
            failures.add(message);
        }
    }

    static String describe(StepReport r) {
        return switch (r.outcome()) {
            case SKIPPED -> "  skipped: " + r.step() + " — " + r.note();
            case FAILED -> "  failed:  " + r.step() + " — " + r.failed() + " of " + r.total() + " refused: " + r.note();
            case LOADED -> r.total() == 1 && r.failed() == 0 ? "  loaded:  " + r.step()
                    : String.format("  loaded:  %s — %d of %d (%d new, %d already there%s)", r.step(),
                    r.created() + r.existing(), r.total(), r.created(), r.existing(),
                    r.failed() == 0 ? "" : ", " + r.failed() + " refused: " + r.note());
        };
    }
}
