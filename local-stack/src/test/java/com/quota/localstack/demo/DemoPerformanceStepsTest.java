package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoLoader.Outcome;
import com.quota.localstack.demo.DemoLoader.Report;
import com.quota.localstack.demo.DemoLoader.StepReport;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** performance-service's demo steps: a rerun after the idempotency keys expired reads the issued statements. */
class DemoPerformanceStepsTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final DemoCompany company = DemoCompanyReader.read();
    private final DemoDataset data = new DemoDataGenerator(company).generate();
    private final List<String> statementBodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lookups = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRerunAfterTheKeysExpiredFindsEachIssuedStatementByItsExternalRefInsteadOfFailing() throws IOException {
        // performance-service as it answers a rerun 48 h later: every statement is issued already (409), and the
        // statement list finds one by its externalRef
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            String answer;
            if (route.equals("POST /api/commissions/statements")) {
                statementBodies.add(body + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                status = 409;
                answer = "{\"type\":\"https://quota.example/problems/statement-issued\",\"status\":409}";
            } else if (route.equals("GET /api/commissions/statements")) {
                String ref = URLDecoder.decode(exchange.getRequestURI().getRawQuery().replaceFirst("^externalRef=", ""),
                        StandardCharsets.UTF_8);
                lookups.add(ref);
                status = 200;
                answer = "{\"items\":[{\"id\":\"statement-of-" + ref + "\"}],\"page\":{\"totalElements\":1}}";
            } else {
                status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
                answer = "{\"id\":\"id-1\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI gateway = URI.create("http://localhost:" + server.getAddress().getPort());
        DemoTokens tokens = new DemoTokens(() -> "admin-token", clientId -> clientId + "-token", username -> username + "-token");

        Report report = new DemoLoader(gateway, company, data, tokens, line -> { }).load();

        int expected = DemoSteps.closedQuarters(company, data).size()
                * (int) company.people().stream().filter(p -> p.role() == DemoCompany.PersonRole.REP).count();
        assertThat(expected).as("the demo year has closed quarters").isPositive();
        StepReport statements = report.step(DemoSteps.COMMISSION_STATEMENTS).orElseThrow();
        assertThat(statements).extracting(StepReport::outcome, StepReport::created, StepReport::existing, StepReport::failed)
                .containsExactly(Outcome.LOADED, 0, expected, 0);
        // each statement is asked for with its externalRef, the same reference as its Idempotency-Key
        assertThat(statementBodies).hasSize(expected).allSatisfy(body -> {
            String ref = body.substring(body.indexOf(" key=") + 5);
            assertThat(ref).startsWith("DEMO-STATEMENT-");
            assertThat(body).contains("\"externalRef\":\"" + ref + "\"");
        });
        assertThat(lookups).hasSize(expected).allMatch(ref -> ref.startsWith("DEMO-STATEMENT-")).doesNotHaveDuplicates();
    }
}
