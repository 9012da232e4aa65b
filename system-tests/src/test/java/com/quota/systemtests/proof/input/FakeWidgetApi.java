package com.quota.systemtests.proof.input;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A tiny HTTP API for the planted-fault tests: one OpenAPI document and three operations on widgets that answer bad
 * input as ARCHITECTURE.md says, unless a {@link Fault} is planted.
 */
final class FakeWidgetApi implements AutoCloseable {

    /** A planted fault. */
    enum Fault { NONE, SERVER_ERROR_ON_BAD_ENUM, PLAIN_TEXT_ON_MALFORMED_JSON, ACCEPTS_MISSING_REQUIRED }

    static final String OPENAPI = """
            {"openapi":"3.0.1","info":{"title":"widgets","version":"1"},
             "paths":{
              "/api/widgets":{
                "post":{"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Widget"}}}},
                        "responses":{"201":{"description":"created"}}},
                "get":{"parameters":[{"name":"size","in":"query","schema":{"type":"integer","minimum":1,"maximum":500}},
                                     {"name":"status","in":"query","schema":{"type":"string","enum":["OPEN","CLOSED"]}}],
                       "responses":{"200":{"description":"ok"}}}},
              "/api/widgets/{id}":{
                "get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}],
                       "responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"Widget":{"type":"object","required":["name","kind"],"properties":{
                "name":{"type":"string"},"kind":{"type":"string","enum":["SMALL","LARGE"]},
                "amount":{"type":"integer"},"dueOn":{"type":"string","format":"date"}}}}}}
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KINDS = Set.of("SMALL", "LARGE");

    private final HttpServer server;
    private final Fault fault;

    FakeWidgetApi(Fault fault) throws IOException {
        this.fault = fault;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = readAtMost(exchange.getRequestBody(), 1_048_577);
            if (path.equals("/v3/api-docs")) {
                answer(exchange, 200, "application/json", OPENAPI);
            } else if (body.length > 1_048_576) {
                problem(exchange, 413, "body too large");
            } else if (path.equals("/api/widgets") && exchange.getRequestMethod().equals("POST")) {
                create(exchange, body);
            } else if (path.equals("/api/widgets") && exchange.getRequestMethod().equals("GET")) {
                list(exchange);
            } else if (path.startsWith("/api/widgets/") && path.indexOf('/', "/api/widgets/".length()) < 0
                    && exchange.getRequestMethod().equals("GET")) {
                try {
                    UUID.fromString(path.substring("/api/widgets/".length()));
                    problem(exchange, 404, "no such widget");
                } catch (IllegalArgumentException e) {
                    problem(exchange, 400, "id is not a UUID");
                }
            } else {
                problem(exchange, 404, "no such path");
            }
        }
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            problem(exchange, 415, "JSON only");
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            if (fault == Fault.PLAIN_TEXT_ON_MALFORMED_JSON) {
                answer(exchange, 400, "text/plain", "bad json");
            } else {
                problem(exchange, 400, "malformed JSON");
            }
            return;
        }
        if (json == null || !json.isObject()) {
            problem(exchange, 400, "an object is expected");
            return;
        }
        JsonNode name = json.get("name");
        JsonNode kind = json.get("kind");
        if ((name == null || kind == null) && fault != Fault.ACCEPTS_MISSING_REQUIRED) {
            problem(exchange, 400, "name and kind are required");
            return;
        }
        if (name != null && !name.isString() || kind != null && !kind.isString()) {
            problem(exchange, 400, "wrong type");
            return;
        }
        if (kind != null && !KINDS.contains(kind.asString())) {
            if (fault == Fault.SERVER_ERROR_ON_BAD_ENUM) {
                answer(exchange, 500, "text/plain", "java.lang.IllegalArgumentException: No enum constant");
            } else {
                problem(exchange, 400, "kind is SMALL or LARGE");
            }
            return;
        }
        JsonNode amount = json.get("amount");
        if (amount != null && !amount.isIntegralNumber()) {
            problem(exchange, 400, "amount is an integer");
            return;
        }
        JsonNode dueOn = json.get("dueOn");
        if (dueOn != null) {
            try {
                LocalDate.parse(dueOn.asString());
            } catch (RuntimeException e) {
                problem(exchange, 400, "dueOn is a date");
                return;
            }
        }
        answer(exchange, 201, "application/json", "{\"id\":\"" + UUID.randomUUID() + "\"}");
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String value = kv.length > 1 ? kv[1] : "";
                if (kv[0].equals("size")) {
                    try {
                        int size = Integer.parseInt(value);
                        if (size < 1 || size > 500) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        problem(exchange, 400, "size is 1..500");
                        return;
                    }
                } else if (kv[0].equals("status") && !Set.of("OPEN", "CLOSED").contains(value)) {
                    problem(exchange, 400, "status is OPEN or CLOSED");
                    return;
                }
            }
        }
        answer(exchange, 200, "application/json", "{\"items\":[]}");
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        answer(exchange, status, "application/problem+json",
                "{\"type\":\"https://quota.example/problems/proof\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] all = in.readNBytes(max);
        byte[] rest = new byte[65536];
        while (in.read(rest) >= 0) {
            // drain what is over the limit, so the answer is read by the client
        }
        return all;
    }
}
