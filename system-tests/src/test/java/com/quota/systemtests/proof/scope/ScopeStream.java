package com.quota.systemtests.proof.scope;

import com.quota.systemtests.Http;
import com.quota.systemtests.proof.scope.ScopeRules.OwnerKey;
import com.quota.systemtests.proof.scope.ScopeRun.Setup;
import com.quota.systemtests.proof.scope.ScopeRun.Truth;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The live attainment stream ({@code GET /api/attainment/stream}, server-sent events): every caller opens it with its own
 * token through every door of target-service for a short moment, while the admin wins two probe deals of 1.00 CNY, one
 * for a rep of one region and one for a rep of another, and reopens and terminates them (the reopening reverses the
 * credit, so attainment ends where it was), then runs the daily pace evaluation (behind-pace alerts of owners all over
 * the tree). Every event a caller receives must belong to an owner in its scope; the
 * admin's stream must carry the probes' events (so the check saw events at all).
 */
final class ScopeStream {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(40);

    /** One open stream: its caller and door, its status, whether it said "connected", and the events it got. */
    private record Watch(String caller, String via, AtomicInteger status, AtomicBoolean problemJson, AtomicBoolean connected,
                         List<JsonNode> events,
                         CompletableFuture<HttpResponse<Stream<String>>> answer) {
    }

    private ScopeStream() {
    }

    static List<ScopeObservation> watch(Setup setup, Truth truth) {
        List<Watch> watches = new ArrayList<>();
        for (String caller : setup.callers()) {
            for (Map.Entry<String, URI> door : setup.doorsByService().get("target").entrySet()) {
                watches.add(open(caller, door.getKey(), door.getValue(), setup.tokenOf().apply(caller)));
            }
        }
        List<String> probes = List.of();
        try {
            // every stream answered (and, when 200, said "connected") before the probes, so none misses them
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> watches.stream().allMatch(w -> w.status().get() != 0
                    && (w.status().get() != 200 || w.connected().get())));
            probes = probe(setup, truth);
            // the admin's streams carry both probe reps' events (won and reopened): then a moment more for the others
            List<String> expected = probes;
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> watches.stream()
                    .filter(w -> w.caller().equals(setup.adminCaller()))
                    .allMatch(w -> expected.stream().allMatch(rep -> reps(w.events()).stream().filter(rep::equals).count() >= 2)));
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // judged below: a stream that never answered has status 0, missing probe events are reported
        } finally {
            watches.forEach(w -> w.answer().cancel(true));
        }
        List<ScopeObservation> out = new ArrayList<>();
        for (Watch w : watches) {
            ScopeRules.Scope scope = setup.rules().of(w.caller());
            List<String> foreign = new ArrayList<>();
            for (JsonNode event : w.events()) {
                OwnerKey owner = owner(event);
                if (!scope.covers(owner)) {
                    foreign.add(event.path("_event").asString() + " " + event.path("_id").asString() + " of " + owner);
                }
            }
            if (w.caller().equals(setup.adminCaller())) {
                for (String rep : probes) {
                    if (!reps(w.events()).contains(rep)) {
                        foreign.add("no event of the probe rep " + rep + " reached the admin's stream (nothing was checked)");
                    }
                }
            }
            boolean integration = w.caller().startsWith("client:");
            Set<Integer> expected = integration && !setup.rules().clientScopes(w.caller()).contains("attainment.read") ? Set.of(403)
                    : Set.of(200);
            out.add(new ScopeObservation("attainment stream (SSE)", w.via(), w.caller(), "/api/attainment/stream", expected,
                    w.status().get(), w.problemJson().get(), w.events().size(), foreign));
        }
        return out;
    }

    private static Watch open(String caller, String via, URI base, String token) {
        AtomicInteger status = new AtomicInteger();
        AtomicBoolean connected = new AtomicBoolean();
        AtomicBoolean problemJson = new AtomicBoolean();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/attainment/stream")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> answer = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        answer.thenAccept(r -> {
            problemJson.set(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            status.set(r.statusCode());
            String[] event = {"", "", ""};   // name, id, data
            try (Stream<String> lines = r.body()) {
                lines.forEach(line -> {
                    if (line.startsWith(":")) {
                        connected.set(true);
                    } else if (line.startsWith("event:")) {
                        event[0] = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        event[1] = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        event[2] += line.substring(5).trim();
                    } else if (line.isEmpty() && !event[2].isEmpty()) {
                        JsonNode data = JSON.readTree(event[2]);
                        tools.jackson.databind.node.ObjectNode kept = JSON.createObjectNode();
                        kept.set("data", data);
                        kept.put("_event", event[0]);
                        kept.put("_id", event[1]);
                        events.add(kept);
                        event[0] = "";
                        event[1] = "";
                        event[2] = "";
                    }
                });
            } catch (RuntimeException e) {
                // cancelled at the end of the watch
            }
        });
        answer.exceptionally(e -> null);
        return new Watch(caller, via, status, problemJson, connected, events, answer);
    }

    /** The owner of an event: its payload's owner (the payload alone, or inside an envelope). */
    private static OwnerKey owner(JsonNode event) {
        JsonNode data = event.path("data");
        JsonNode owner = data.has("owner") ? data.path("owner") : data.path("payload").path("owner");
        String id = owner.path("id").asString("");
        if (id.isEmpty()) {
            return new OwnerKey(OwnerKey.Kind.UNKNOWN, null);
        }
        return "UNIT".equals(owner.path("type").asString()) ? OwnerKey.unit(id) : OwnerKey.rep(id);
    }

    private static List<String> reps(List<JsonNode> events) {
        return events.stream().map(ScopeStream::owner).filter(o -> o.kind() == OwnerKey.Kind.REP).map(o -> o.id().toString()).toList();
    }

    /**
     * The admin wins a 1.00 CNY deal of the first rep and one of the last rep of the tree (another region), then reopens
     * and terminates both: two credits and their reversals. Returns the two reps.
     */
    private static List<String> probe(Setup setup, Truth truth) {
        List<UUID> reps = setup.rules().repIds();
        List<String> probed = new ArrayList<>();
        URI pipeline = setup.doorsByService().get("pipeline").values().iterator().next();
        String admin = setup.tokenOf().apply(setup.adminCaller());
        String account = truth.recordOwners.getOrDefault("account read", Map.of()).keySet().stream().findFirst().orElse(null);
        if (account == null || truth.pipelineId == null) {
            return probed;
        }
        for (UUID rep : List.of(reps.get(0), reps.get(reps.size() - 1))) {
            String body = "{\"accountId\":\"" + account + "\",\"pipelineId\":\"" + truth.pipelineId + "\",\"title\":\"scope proof: "
                    + "live stream probe\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"},\"owners\":[{\"repId\":\"" + rep
                    + "\",\"splitPercent\":100,\"primary\":true}]}";
            HttpResponse<String> created = post(pipeline, "/api/opportunities", admin, body);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("the stream probe could not create its deal: " + created.statusCode() + " " + created.body());
            }
            JsonNode deal = Http.json(created);
            String id = deal.path("id").asString();
            // the truth was read before: the probe deals are the admin's too (the funnel counts them)
            truth.opportunities.put(id, deal);
            truth.opportunityOwners.put(id, ScopeRun.owners(deal));
            for (String[] step : List.of(new String[] {"/win", "{}"}, new String[] {"/reopen", "{\"reason\":\"scope proof: probe\"}"},
                    new String[] {"/terminate", "{\"reason\":\"scope proof: probe\"}"})) {
                HttpResponse<String> r = post(pipeline, "/api/opportunities/" + id + step[0], admin, step[1]);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("the stream probe's " + step[0] + " failed: " + r.statusCode() + " " + r.body());
                }
            }
            probed.add(rep.toString());
        }
        // the daily pace run (ADMIN): behind-pace alerts of owners all over the tree, on the stream and in /alerts
        URI target = setup.doorsByService().get("target").values().iterator().next();
        HttpResponse<String> pace = post(target, "/api/attainment/pace-evaluations", admin, "{}");
        if (pace.statusCode() != 200) {
            throw new IllegalStateException("the pace evaluation failed: " + pace.statusCode() + " " + pace.body());
        }
        return probed;
    }

    private static HttpResponse<String> post(URI base, String path, String token, String body) {
        return Http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
