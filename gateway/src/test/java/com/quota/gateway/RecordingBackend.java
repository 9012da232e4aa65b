package com.quota.gateway;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real HTTP server standing in for one service in the gateway's own tests: it records what reached it and
 * answers like a Quota service (health, api-docs, a JSON echo). A path ending in {@code /drop} closes the
 * connection without answering, as a crashing service would; one ending in {@code /hang} never answers; one
 * containing {@code /slow/} answers after {@link #SLOW}.
 */
final class RecordingBackend {

    /** One request as the service saw it. */
    record Seen(String method, String path, String authorization, String requestId, String traceparent) {
    }

    static final Duration SLOW = Duration.ofSeconds(3);
    /** Slow, but within the test's 2 s API timeout: many such calls are in flight at once. */
    static final Duration BUSY = Duration.ofMillis(400);

    private final String name;
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();
    private volatile DisposableServer server;
    private volatile boolean down;
    private int port;

    RecordingBackend(String name) {
        this.name = name;
    }

    RecordingBackend start() {
        down = false;
        server = HttpServer.create().host("127.0.0.1").port(port)
                .doOnConnection(connections::add)
                .handle(this::answer).bindNow();
        port = server.port();
        return this;
    }

    /** Down as a crashed process is: the port refuses connections and open keep-alive connections are gone. */
    void stop() {
        down = true;
        server.disposeNow();
        connections.forEach(Connection::dispose);
        connections.clear();
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        if (down) {
            // a keep-alive connection that outlived disposeNow(): a crashed process would not answer on it
            request.withConnection(Connection::dispose);
            return Mono.empty();
        }
        String path = URI.create(request.uri()).getPath();
        seen.add(new Seen(request.method().name(), path, request.requestHeaders().get("Authorization"),
                request.requestHeaders().get("X-Request-Id"), request.requestHeaders().get("traceparent")));
        if (path.endsWith("/drop")) {
            request.withConnection(Connection::dispose);
            return Mono.empty();
        }
        if (path.endsWith("/hang")) {
            return Mono.never();
        }
        if (path.contains("/busy/")) {
            return Mono.delay(BUSY).then(json(response, "application/json",
                    "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}"));
        }
        if (path.contains("/slow/")) {
            return Mono.delay(SLOW).then(json(response, "application/json",
                    "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}"));
        }
        if (path.equals("/actuator/health")) {
            return json(response, "application/vnd.spring-boot.actuator.v3+json",
                    "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\",\"details\":{\"database\":\"PostgreSQL\"}}}}");
        }
        if (path.equals("/v3/api-docs")) {
            return json(response, "application/json", "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name
                    + "\",\"version\":\"1\"},\"servers\":[{\"url\":\"http://10.0.0.7:8081\"}],\"paths\":{}}");
        }
        return request.receive().aggregate().asString().defaultIfEmpty("")
                .flatMap(body -> json(response, "application/json",
                        "{\"service\":\"" + name + "\",\"path\":\"" + path + "\",\"bodyLength\":" + body.length() + "}"));
    }

    private static Mono<Void> json(HttpServerResponse response, String contentType, String body) {
        return response.header("Content-Type", contentType).sendString(Mono.just(body)).then();
    }
}
