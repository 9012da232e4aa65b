package com.quota.systemtests.proof.input;

import com.quota.systemtests.proof.Verdict;
import com.quota.systemtests.Http;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the bad-input part against a system: read the OpenAPI documents, generate, send the must-refuse
 * requests between two snapshots of the store, then the may-accept ones and the idempotency replay, and judge.
 * The real run and the planted-fault tests go through this same code.
 */
public final class BadInputRun {

    /** Operations that start heavy batch work when accepted: only their must-refuse requests are sent. */
    static final int PROGRESS_EVERY = 5_000;
    static final java.time.Duration SETUP_TIMEOUT = java.time.Duration.ofMinutes(3);
    private static final HttpClient SETUP_CLIENT = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();

    static final Pattern BATCH = Pattern.compile(".*/(rebuilds|rederivations|pace-evaluations|recycle|finalize|import|statements)$");

    /**
     * What a run needs: the front door, each service's OpenAPI document address, callers in the order to try (the
     * first {@code interchangeable} share the requests), a token per caller, real path values, a store snapshot
     * (null: none) and the replay check (null: none); how many must-refuse requests, in rounds or once, how many in
     * flight, each caller's pace (requests per second, below the gateway's limit per caller).
     */
    public record Setup(URI frontDoor, Map<String, URI> apiDocs, List<String> callers, int interchangeable,
                        Function<String, String> tokenOf, Map<String, String> fixedPathValues, Supplier<StoreSnapshot> snapshot,
                        Supplier<BadInputVerdicts.Replay> replay, int requests, boolean rounds, int inFlight,
                        double perCallerPerSecond, boolean knownFindings) {
    }

    /** The verdicts and a printable report. */
    public record Result(List<Verdict> verdicts, String report) {
    }

    private BadInputRun() {
    }

    public static Result run(String title, Setup setup) {
        long started = System.nanoTime();
        List<ApiOperation> operations = new ArrayList<>();
        setup.apiDocs().forEach((service, uri) -> {
            HttpResponse<String> docs = slowGet(uri, null);
            if (docs.statusCode() != 200) {
                throw new IllegalStateException(service + ": " + uri + " answered " + docs.statusCode());
            }
            operations.addAll(OpenApiCatalog.operations(service, docs.body()));
        });
        KnownValues values = new KnownValues(setup.frontDoor(), setup.tokenOf().apply(setup.callers().get(0)), setup.fixedPathValues());
        Map<ApiOperation, BadRequestGenerator.Known> known = new LinkedHashMap<>();
        operations.forEach(op -> known.put(op, values.of(op)));
        RequestSender sender = new RequestSender(setup.frontDoor(), setup.callers(), setup.interchangeable(), setup.tokenOf(),
                setup.inFlight(), setup.perCallerPerSecond());
        setup.callers().forEach(setup.tokenOf()::apply);   // tokens issued before the snapshot

        long snapshotStarted = System.nanoTime();
        StoreSnapshot before = setup.snapshot() == null ? null : setup.snapshot().get();
        long sendingStarted = System.nanoTime();
        List<Exchange> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        Map<Integer, AtomicInteger> statusesSoFar = new java.util.concurrent.ConcurrentSkipListMap<>();
        int submitted = 0;
        long rounds = 0;
        // one stream of sends over every round: no round waits for the slowest request of the one before
        try (RequestSender.Flight flight = sender.flight(e -> {
            refused.add(e);
            int ofStatus = statusesSoFar.computeIfAbsent(e.status(), k -> new AtomicInteger()).incrementAndGet();
            if ((e.status() >= 500 || e.status() == 0) && ofStatus <= 3) {
                System.out.println("[proof input] answered " + e.status() + ": " + e.describe());   // early, for a run that is cut short
            }
            int n = answered.incrementAndGet();
            if (n % PROGRESS_EVERY == 0) {
                double seconds = (System.nanoTime() - sendingStarted) / 1e9;
                System.out.printf("[proof input] %d of %d must-refuse requests answered, %.0f s, %.1f/s; per status %s%n", n,
                        setup.requests(), seconds, n / seconds, statusesSoFar);
            }
        })) {
            for (long round = 0; submitted < setup.requests(); round++) {
                List<BadRequest> requests = new ArrayList<>();
                BadRequestGenerator generator = new BadRequestGenerator(2311 + round, setup.knownFindings());
                for (ApiOperation op : operations) {
                    requests.addAll(generator.mustRefuse(op, known.get(op)));
                    if (round == 0) {
                        requests.add(generator.unknownPath(op));
                    }
                }
                // spread over the services and their callers; the last round is a random subset
                Collections.shuffle(requests, new Random(round));
                if (requests.size() > setup.requests() - submitted) {
                    requests = new ArrayList<>(requests.subList(0, setup.requests() - submitted));
                }
                for (int i = 0; i < requests.size(); i++) {
                    flight.submit(requests.set(i, null));   // the list lets go of each body once it is sent
                    submitted++;
                }
                rounds = round + 1;
                if (!setup.rounds()) {
                    break;
                }
            }
        }
        double sendingSeconds = (System.nanoTime() - sendingStarted) / 1e9;
        long afterStarted = System.nanoTime();
        StoreSnapshot after = setup.snapshot() == null ? null : setup.snapshot().get();
        long afterEnded = System.nanoTime();

        List<BadRequest> accepting = new ArrayList<>();
        BadRequestGenerator generator = new BadRequestGenerator(77, setup.knownFindings());
        for (ApiOperation op : operations) {
            if ("POST".equals(op.method()) && op.pathParameters().isEmpty() && !BATCH.matcher(op.path()).matches()) {
                accepting.addAll(generator.mayAccept(op, known.get(op)));
            }
        }
        List<Exchange> mayAccept = sender.sendAll(accepting);
        BadInputVerdicts.Replay replay = setup.replay() == null ? null : setup.replay().get();

        List<Exchange> refusedAnswers = new ArrayList<>(refused);
        List<Verdict> verdicts = BadInputVerdicts.judge(refusedAnswers, mayAccept, before, after, replay);
        writeDetails(title, refusedAnswers, mayAccept, before, after);
        String report = Verdict.table(String.format("%s: %d operations of %d services, %d rounds, %d requests sent (%d must-refuse, "
                                + "%d may-accept, %d sent again after a 403 of a caller that may not call the operation), "
                                + "%d waits on 429, %.0f s in all; must-refuse sending %.0f s (%.1f/s, %d in flight), "
                                + "store snapshot before %.0f s, after %.0f s", title, operations.size(), setup.apiDocs().size(),
                        rounds, sender.sent(), refusedAnswers.size(), mayAccept.size(), sender.refusedWith403(),
                        sender.rateLimited(), (System.nanoTime() - started) / 1e9, sendingSeconds,
                        refusedAnswers.size() / Math.max(sendingSeconds, 1e-3), setup.inFlight(),
                        (sendingStarted - snapshotStarted) / 1e9, (afterEnded - afterStarted) / 1e9), verdicts)
                + Summary.byStatus(refusedAnswers, mayAccept) + "\n" + Summary.byKindAndStatus(refusedAnswers, mayAccept)
                + "\n" + Summary.callers(sender.callers(), sender.requestsPerCaller());
        return new Result(verdicts, report);
    }

    /**
     * A setup read (a service's OpenAPI document, a real id, an ETag), patient: springdoc builds a document on its
     * first request, which took over 30 s on a loaded machine (2026-11-26 23:48Z). Not an observation of the run.
     */
    static HttpResponse<String> slowGet(URI uri, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(SETUP_TIMEOUT).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return SETUP_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("setup read " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every answer that a verdict counts against, in target/proof/<title>.txt, for the findings. */
    private static void writeDetails(String title, List<Exchange> refused, List<Exchange> mayAccept, StoreSnapshot before,
                                     StoreSnapshot after) {
        StringBuilder out = new StringBuilder();
        for (Exchange e : refused) {
            if (e.status() == 0 || e.status() >= 500 || !e.request().expected().contains(e.status())
                    || e.status() >= 400 && !e.problemJson()) {
                out.append(e.describe()).append('\n');
            }
        }
        for (Exchange e : mayAccept) {
            if (e.status() == 0 || e.status() >= 500 || e.status() >= 400 && !e.problemJson()) {
                out.append(e.describe()).append('\n');
            }
        }
        if (before != null && after != null) {
            before.differences(after).forEach(d -> out.append(d).append('\n'));
        }
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "proof");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(title.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Real path values (ids found through list endpoints, fixed ones such as the demo company's) and ETags. */
    static final class KnownValues {
        private final URI frontDoor;
        private final String token;
        private final Map<String, String> fixed;
        private final Map<String, String> listIds = new LinkedHashMap<>();

        KnownValues(URI frontDoor, String token, Map<String, String> fixed) {
            this.frontDoor = frontDoor;
            this.token = token;
            this.fixed = fixed;
        }

        BadRequestGenerator.Known of(ApiOperation op) {
            if (op.pathParameters().isEmpty()) {
                return BadRequestGenerator.Known.NOTHING;
            }
            Map<String, String> path = new LinkedHashMap<>();
            for (ApiOperation.Parameter p : op.pathParameters()) {
                String value = value(op.path(), p.name());
                if (value != null) {
                    path.put(p.name(), value);
                }
            }
            String etag = null;
            String body = null;
            if (BadRequestGenerator.isUpdate(op) && path.size() == op.pathParameters().size()) {
                String resource = op.path();
                for (Map.Entry<String, String> e : path.entrySet()) {
                    resource = resource.replace("{" + e.getKey() + "}", e.getValue());
                }
                HttpResponse<String> current = slowGet(frontDoor.resolve(resource), token);
                if (current.statusCode() != 200 && resource.lastIndexOf('/') > 0) {
                    current = slowGet(frontDoor.resolve(resource.substring(0, resource.lastIndexOf('/'))), token);
                }
                etag = current.statusCode() == 200 ? current.headers().firstValue("ETag").orElse(null) : null;
                body = current.statusCode() == 200 && Http.contentType(current).contains("json") ? current.body() : null;
            }
            return new BadRequestGenerator.Known(path, etag, body);
        }

        private String value(String template, String name) {
            String fixedValue = fixed.get(template + "#" + name);
            if (fixedValue == null) {
                fixedValue = fixed.get(name);
            }
            if (fixedValue != null) {
                return fixedValue;
            }
            Matcher m = Pattern.compile("^(.*?)/\\{" + Pattern.quote(name) + "}").matcher(template);
            if (!m.find() || m.group(1).contains("{")) {
                return null;
            }
            String list = m.group(1);
            if (!listIds.containsKey(list)) {
                HttpResponse<String> r = slowGet(frontDoor.resolve(list + "?size=1"), token);
                String id = null;
                if (r.statusCode() == 200 && Http.contentType(r).contains("json")) {
                    JsonNode json = Http.json(r);
                    JsonNode first = json.isArray() ? json.path(0) : json.path("items").path(0);
                    id = first.path("id").asString("");
                    id = id.isEmpty() ? null : id;
                }
                listIds.put(list, id);
            }
            return listIds.get(list);
        }
    }
}
