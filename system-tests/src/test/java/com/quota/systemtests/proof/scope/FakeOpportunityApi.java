package com.quota.systemtests.proof.scope;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tiny opportunity API for the planted-fault test: four deals of three demo reps, each caller (token
 * {@code token-of-<caller>}) seeing the ones its place in the tree allows, unless a {@link Fault} is planted.
 */
final class FakeOpportunityApi implements AutoCloseable {

    /**
     * A planted fault: a route without scope checks, a search whose owner filter replaces the scope check instead of
     * narrowing it (the owner's deals for anyone who names the owner), an update without scope checks, an update whose
     * scope check is too tight (a manager may not update the team's deals: a REP's rule applied to everyone), or an
     * update that answers 200 and writes nothing.
     */
    enum Fault { NONE, LIST_WITHOUT_SCOPE, READ_WITHOUT_SCOPE, FILTER_REPLACES_SCOPE, WRITE_WITHOUT_SCOPE, WRITE_TOO_TIGHT,
        WRITE_WITHOUT_EFFECT }

    static final String LIU = "d6d5dd85-406c-5ba8-b90d-b91398daa268";    // rep.liu, team EAST-SH
    static final String CHEN = "e533692d-13e1-5819-9a04-a0d7c1d5227e";   // rep.chen, team EAST-SH
    static final String SUN = "02c21aa9-1468-5c59-a05e-1a681e5e473f";    // rep.sun, team EAST-HZ
    private static final Map<String, String> DEALS = Map.of(
            "00000000-0000-7000-8000-000000000001", LIU, "00000000-0000-7000-8000-000000000002", LIU,
            "00000000-0000-7000-8000-000000000003", CHEN, "00000000-0000-7000-8000-000000000004", SUN);
    /** Hand-written visibility: rep.liu their own, manager.zhang the EAST-SH team, the admin everything. */
    private static final Map<String, Set<String>> VISIBLE = Map.of("rep.liu", Set.of(LIU), "manager.zhang", Set.of(LIU, CHEN),
            "admin", Set.of(LIU, CHEN, SUN));
    /** The too-tight update's rule: only the deals the caller owns itself (the manager owns none), the admin all. */
    private static final Map<String, Set<String>> OWN_ONLY = Map.of("rep.liu", Set.of(LIU), "manager.zhang", Set.of(),
            "admin", Set.of(LIU, CHEN, SUN));

    private final HttpServer server;
    private final Fault fault;
    /** The deals' versions: an update bumps one (and shows in the deal's ETag and body). */
    private final Map<String, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();

    FakeOpportunityApi(Fault fault) throws IOException {
        this.fault = fault;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String caller = auth == null ? "" : auth.replace("Bearer token-of-", "");
            Set<String> visible = VISIBLE.getOrDefault(caller, Set.of());
            String path = exchange.getRequestURI().getPath();
            String deal = path.startsWith("/api/opportunities/") ? path.substring("/api/opportunities/".length()) : "";
            if ("PUT".equals(exchange.getRequestMethod()) && DEALS.containsKey(deal)) {
                exchange.getRequestBody().readAllBytes();
                Set<String> writable = fault == Fault.WRITE_TOO_TIGHT ? OWN_ONLY.getOrDefault(caller, Set.of()) : visible;
                if (fault == Fault.WRITE_WITHOUT_SCOPE || writable.contains(DEALS.get(deal))) {
                    if (fault != Fault.WRITE_WITHOUT_EFFECT) {
                        versions.merge(deal, 1, Integer::sum);
                    }
                    answer(exchange, 200, "application/json", row(deal, DEALS.get(deal)));
                } else {
                    answer(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not found\"}");
                }
            } else if (path.equals("/api/opportunities")) {
                String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
                String ownerRepId = java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("ownerRepId="))
                        .map(p -> p.substring("ownerRepId=".length())).findFirst().orElse(null);
                boolean unscoped = fault == Fault.LIST_WITHOUT_SCOPE || fault == Fault.FILTER_REPLACES_SCOPE && ownerRepId != null;
                List<String> rows = DEALS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .filter(e -> unscoped || visible.contains(e.getValue()))
                        .filter(e -> ownerRepId == null || ownerRepId.equals(e.getValue()))
                        .map(e -> row(e.getKey(), e.getValue())).toList();
                answer(exchange, 200, "application/json", "{\"items\":[" + String.join(",", rows)
                        + "],\"page\":{\"number\":0,\"size\":500,\"totalElements\":" + rows.size() + ",\"totalPages\":1}}");
            } else if (path.startsWith("/api/opportunities/") && DEALS.containsKey(path.substring("/api/opportunities/".length()))) {
                String id = path.substring("/api/opportunities/".length());
                if (fault == Fault.READ_WITHOUT_SCOPE || visible.contains(DEALS.get(id))) {
                    exchange.getResponseHeaders().set("ETag", "\"" + versions.getOrDefault(id, 0) + "\"");
                    answer(exchange, 200, "application/json", row(id, DEALS.get(id)));
                } else {
                    answer(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not found\"}");
                }
            } else {
                answer(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not found\"}");
            }
        }
    }

    private String row(String id, String rep) {
        return "{\"id\":\"" + id + "\",\"title\":\"deal " + id.substring(id.length() - 1) + "\",\"status\":\"OPEN\",\"version\":"
                + versions.getOrDefault(id, 0) + ",\"owners\":[{\"repId\":\"" + rep + "\",\"splitPercent\":\"100\",\"primary\":true}]}";
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String visibleText() {
        return VISIBLE.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
