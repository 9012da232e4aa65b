package com.quota.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a Spring Boot app in the runner's tests (packed into a jar by the test): listens on its port variable,
 * answers /actuator/health with UP and /env with its environment; with FAKE_APP_MODE=crash it logs a line and exits 3.
 */
public final class FakeApp {

    private FakeApp() {
    }

    public static void main(String[] args) throws IOException {
        String mode = System.getenv().getOrDefault("FAKE_APP_MODE", "healthy");
        System.out.println("fake app starting in mode " + mode);
        if (mode.equals("crash")) {
            System.out.println("boom: cannot connect to the database");
            System.exit(3);
        }
        // the app's own port variable, as the real apps read it (TARGET_SERVICE_PORT, GATEWAY_PORT, ...)
        int port = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().matches("(GATEWAY|AUTH_SERVER|[A-Z]+_SERVICE)_PORT"))
                .map(e -> Integer.parseInt(e.getValue())).findFirst().orElseThrow();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/actuator/health", exchange -> respond(exchange, "{\"status\":\"UP\"}"));
        server.createContext("/env", exchange -> {
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
                body.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            respond(exchange, body.toString());
        });
        server.start();
        System.out.println("fake app listening on " + port);
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
