package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoLoader.Outcome;
import com.quota.localstack.demo.DemoLoader.Report;
import com.quota.localstack.demo.DemoLoader.StepReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader against a small HTTP server standing in for today's gateway: only some endpoints exist. */
class DemoLoaderTest {

    static {
        // without TCP_NODELAY the JDK server's separate header and body writes cost a delayed ACK (~40 ms) per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final DemoCompany company = DemoCompanyReader.read();
    private final DemoDataset data = new DemoDataGenerator(company).generate();
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> bearerByPath = new ConcurrentHashMap<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void stepsWhoseEndpointIsMissingAreSkippedByNameAndTheirDependentsToo() throws IOException {
        // today's gateway: who-am-I and the org units exist, nothing else does
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (route.equals("GET /api/org/me")) {
                return answer(exchange, 200, "{\"username\":\"admin\",\"roles\":[\"ADMIN\"]}");
            }
            if (route.startsWith("PUT /api/org/units/")) {
                return answer(exchange, 200, "{}");
            }
            return answer(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
        });

        Report report = new DemoLoader(gateway, company, data, tokens(), output::add).load();

        assertThat(report.step(DemoSteps.WHO_AM_I).orElseThrow().outcome()).isEqualTo(Outcome.LOADED);
        assertThat(report.step(DemoSteps.ORG_UNITS).orElseThrow()).extracting(r -> r.outcome(), r -> r.created())
                .containsExactly(Outcome.LOADED, 13);
        assertThat(output).contains("  logged in as admin, roles [\"ADMIN\"]");
        assertThat(output).contains(
                "  skipped: reps — endpoint not available yet (PUT /api/org/reps/{id})",
                "  skipped: pipelines — endpoint not available yet (POST /api/pipelines)",
                "  skipped: targets — needs reps (skipped)",
                "  skipped: accounts — needs reps (skipped)",
                "  skipped: opportunities — needs accounts (skipped)",
                "  skipped: payments — needs contracts in execution (skipped)",
                "  loaded:  who am I",
                "  loaded:  org units — 13 of 13 (13 new, 0 already there)",
                "demo data: steps loaded 2, skipped " + (DemoSteps.all(company, data, line -> { }).size() - 2) + ", failed 0");
        // one probe per missing endpoint, nothing for the steps that depend on a skipped one
        assertThat(requests).filteredOn(r -> r.startsWith("PUT /api/org/reps/")).hasSize(1);
        assertThat(requests).noneMatch(r -> r.startsWith("POST /api/opportunities") || r.startsWith("POST /api/contracts"));
        // units go in parents first, with the ids fixed in demo-company.json, each read first for its ETag
        assertThat(requests.subList(1, 3)).containsExactly("GET /api/org/units/" + company.root().id(),
                "PUT /api/org/units/" + company.root().id());
    }

    @Test
    void aLongStepAsksForItsTokenPerCallSoATokenThatExpiresMidStepIsReplaced() throws IOException {
        Set<String> unitBearers = ConcurrentHashMap.newKeySet();
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (route.startsWith("PUT /api/org/units/")) {
                unitBearers.add(exchange.getRequestHeaders().getFirst("Authorization"));
                return answer(exchange, 200, "{}");
            }
            return answer(exchange, route.equals("GET /api/org/me") ? 200 : 404, "{\"roles\":[\"ADMIN\"]}");
        });
        AtomicInteger fetched = new AtomicInteger();
        // every token is "expired" at once: each call must carry a freshly fetched one
        DemoTokens expiring = new DemoTokens(() -> "admin-token-" + fetched.incrementAndGet(), id -> id, name -> name,
                java.time.Duration.ZERO);

        new DemoLoader(gateway, company, data, expiring, output::add).load();

        assertThat(unitBearers).hasSize(company.unitsParentsFirst().size()).allMatch(b -> b.startsWith("Bearer admin-token-"));
    }

    @Test
    void everyStepLoadsWhenEveryEndpointAnswersAndLaterStepsUseTheIdsHandedOut() throws IOException {
        AtomicInteger ids = new AtomicInteger();
        Map<String, String> ifMatchByRoute = new ConcurrentHashMap<>();
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath().replaceAll("/[0-9a-f-]{36}|/id-\\d+", "/{id}");
            bearerByPath.put(route, exchange.getRequestHeaders().getFirst("Authorization"));
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null) {
                ifMatchByRoute.put(route, ifMatch);
            }
            if (route.equals("GET /api/targets/{id}")) {
                exchange.getResponseHeaders().add("ETag", "\"4\"");
            }
            if (route.equals("GET /api/org/units/{id}")) {
                exchange.getResponseHeaders().add("ETag", "\"7\"");
            }
            return answer(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200,
                    "{\"id\":\"id-" + ids.incrementAndGet() + "\"}");
        });

        Report report = new DemoLoader(gateway, company, data, tokens(), output::add).load();

        assertThat(report.count(Outcome.LOADED)).isEqualTo(DemoSteps.all(company, data, line -> { }).size());
        // performance: each rep's statement of every closed quarter of the demo year
        assertThat(report.step(DemoSteps.COMMISSION_STATEMENTS).orElseThrow().created()).isEqualTo(
                DemoSteps.closedQuarters(company, data).size()
                        * (int) company.people().stream().filter(p -> p.role() == DemoCompany.PersonRole.REP).count());
        assertThat(report.step(DemoSteps.FX_RATES).orElseThrow().created())
                .isEqualTo(DemoSteps.foreignCurrencies(data, company.company().reportingCurrency()).size()).isPositive();
        assertThat(report.step(DemoSteps.OPPORTUNITIES).orElseThrow().created()).isEqualTo(1500);
        assertThat(report.step(DemoSteps.WINS).orElseThrow().created()).isEqualTo(330);
        assertThat(report.step(DemoSteps.PAYMENTS).orElseThrow().created()).isEqualTo(data.payments().size());
        assertThat(output).contains("  opportunities: 150/1500", "  opportunities: 1350/1500");
        // people and plans as the ADMIN user, deals as the CRM integration, money as the ERP integration
        assertThat(bearerByPath).containsEntry("PUT /api/org/reps/{id}", "Bearer admin-token")
                .containsEntry("POST /api/opportunities", "Bearer crm-sync-token")
                .containsEntry("POST /api/opportunities/{id}/win", "Bearer crm-sync-token")
                .containsEntry("POST /api/contracts/{id}/payments", "Bearer erp-finance-token");
        // the target transitions read the target's ETag and send it back as If-Match
        assertThat(report.step(DemoSteps.TARGETS_PUBLISHED).orElseThrow().created()).isEqualTo(data.targets().size());
        assertThat(ifMatchByRoute).containsEntry("POST /api/targets/{id}/submit", "\"4\"")
                .containsEntry("POST /api/targets/{id}/publish", "\"4\"");
        // an org unit that exists is updated with its ETag; a person not found (no ETag) is created without If-Match
        assertThat(ifMatchByRoute).containsEntry("PUT /api/org/units/{id}", "\"7\"").doesNotContainKey("PUT /api/org/reps/{id}");
        // won/lost transitions address opportunities by the ids the server handed out
        assertThat(requests).anyMatch(r -> r.matches("POST /api/opportunities/id-\\d+/win"));
    }

    @Test
    void refusedItemsAreCountedAndTheFirstReasonsShown() throws IOException {
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (route.startsWith("PUT /api/org/units/")) {
                return answer(exchange, 422, "{\"type\":\"https://quota.example/problems/unknown-rep\",\"detail\":\"manager not yet known here; retry\"}");
            }
            return answer(exchange, 404, "");
        });

        Report report = new DemoLoader(gateway, company, data, tokens(), output::add).load();

        assertThat(report.step(DemoSteps.ORG_UNITS).orElseThrow()).extracting(r -> r.outcome(), r -> r.failed())
                .containsExactly(Outcome.FAILED, 13);
        assertThat(output).anyMatch(line -> line.startsWith("  failed:  org units — 13 of 13 refused: HTTP 422: manager not yet known here; retry"));
        assertThat(output).contains("  skipped: reps — needs org units (failed)");
    }

    @Test
    void aCallAnsweredNotYetKnownHereIsRetriedUntilTheServiceHasTheOrgData() throws IOException {
        // the service learns the org tree from events: its first answers are 422 "not yet known here; retry"
        AtomicInteger refusalsLeft = new AtomicInteger(3);
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (route.equals("PUT /api/org/units/" + company.root().id()) && refusalsLeft.getAndDecrement() > 0) {
                return answer(exchange, 422, "{\"type\":\"https://quota.example/problems/not-yet-known-here\",\"status\":422}");
            }
            if (route.startsWith("PUT /api/org/units/")) {
                return answer(exchange, 200, "{}");
            }
            return answer(exchange, 404, "");
        });

        Report report = new DemoLoader(gateway, company, data, tokens(), output::add).load();

        assertThat(report.step(DemoSteps.ORG_UNITS).orElseThrow()).extracting(r -> r.outcome(), r -> r.created(), r -> r.failed())
                .containsExactly(Outcome.LOADED, 13, 0);
        assertThat(requests).filteredOn(r -> r.equals("PUT /api/org/units/" + company.root().id())).hasSize(4);
    }

    @Test
    void aResponseShowsItsEtagWhateverTheHeaderCase() throws IOException {
        URI gateway = serve(exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            return answer(exchange, 200, "{}");
        });

        DemoApi.Response response = new DemoApi(gateway).send("GET", "/api/contracts/c-1", "t", null, Map.of());

        assertThat(response.header("etag")).isEqualTo("\"7\"");
        assertThat(response.header("If-Match")).isNull();
    }

    @Test
    void aConflictIsAlreadyThereOnlyWhenTheItemCanBeFoundElseItIsARefusal() throws IOException {
        // org units: found on a rerun (PUT by id); payments: a 409 "contract not payable" is a refusal, not a rerun
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (route.startsWith("POST /api/contracts/") && route.endsWith("/payments")) {
                return answer(exchange, 409, "{\"type\":\"https://quota.example/problems/contract-not-payable\",\"detail\":\"not signed\"}");
            }
            if (route.equals("POST /api/contracts")) {
                return answer(exchange, 409, "{\"type\":\"https://quota.example/problems/duplicate\"}");
            }
            if (route.equals("GET /api/contracts")) {
                return answer(exchange, 200, "{\"items\":[{\"id\":\"id-found\"}]}");
            }
            return answer(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "{\"id\":\"id-1\"}");
        });

        Report report = new DemoLoader(gateway, company, data, tokens(), output::add).load();

        assertThat(report.step(DemoSteps.CONTRACTS).orElseThrow()).extracting(r -> r.outcome(), r -> r.existing())
                .containsExactly(Outcome.LOADED, data.contracts().size());
        assertThat(report.step(DemoSteps.PAYMENTS).orElseThrow()).extracting(r -> r.outcome(), r -> r.existing(), r -> r.failed())
                .containsExactly(Outcome.FAILED, 0, data.payments().size());
        assertThat(output).anyMatch(line -> line.startsWith("  failed:  payments") && line.contains("not signed"));
    }

    @Test
    void aRerunAfterTheIdempotencyKeysExpiredFindsTheKpisTemplatesPlanAndAssignmentsByTheirNaturalKeys() throws IOException {
        // after the key retention a POST is no longer replayed: KPIs and templates would be refused 409, the plan created
        // twice and its assignments refused as overlapping; the loader finds them by code, role, name and rep first
        String reps = company.people().stream().filter(p -> p.role() == DemoCompany.PersonRole.REP)
                .map(p -> "{\"id\":\"a-" + p.id() + "\",\"repId\":\"" + p.id() + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        URI gateway = serve(exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            return switch (route) {
                case "GET /api/kpis/definitions" -> answer(exchange, 200, "[" + String.join(",",
                        kpi("QUOTA_ATTAINMENT"), kpi("CUSTOMER_SATISFACTION"), kpi("WIN_RATE"), kpi("COLLECTION_RATE"),
                        kpi("NEW_CUSTOMERS")) + "]");
                case "GET /api/scorecards/templates" -> answer(exchange, 200,
                        "[{\"id\":\"t-rep\",\"role\":\"REP\"},{\"id\":\"t-manager\",\"role\":\"MANAGER\"}]");
                case "GET /api/commissions/plans" -> answer(exchange, 200, "{\"items\":[{\"id\":\"p-other\",\"name\":\"Other\"},"
                        + "{\"id\":\"p-demo\",\"name\":\"AE bookings plan FY" + data.fiscalYear() + "\"}]}");
                case "GET /api/commissions/plans/p-demo/assignments" -> answer(exchange, 200, reps);
                default -> route.startsWith("POST /api/kpis") || route.startsWith("POST /api/scorecards/templates")
                        || route.startsWith("POST /api/commissions/plans")
                        ? answer(exchange, 409, "{\"type\":\"https://quota.example/problems/duplicate\"}")
                        : answer(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "{\"id\":\"id-1\"}");
            };
        });

        Report report = new DemoLoader(gateway, company, data, tokens(), output::add).load();

        for (String step : List.of(DemoSteps.KPI_DEFINITIONS, DemoSteps.SCORECARD_TEMPLATES, DemoSteps.COMMISSION_PLANS,
                DemoSteps.PLAN_ASSIGNMENTS)) {
            StepReport r = report.step(step).orElseThrow();
            assertThat(r.outcome()).as(step).isEqualTo(Outcome.LOADED);
            assertThat(r.created()).as(step).isZero();
            assertThat(r.existing()).as(step).isEqualTo(r.total()).isPositive();
        }
        assertThat(requests).noneMatch(r -> r.startsWith("POST /api/kpis") || r.startsWith("POST /api/scorecards/templates")
                || r.startsWith("POST /api/commissions/plans"));
        // one read per collection, not one per item
        assertThat(requests).filteredOn(r -> r.equals("GET /api/commissions/plans/p-demo/assignments")).hasSize(1);
    }

    private static String kpi(String code) {
        return "{\"id\":\"k-" + code + "\",\"code\":\"" + code + "\"}";
    }

    @Test
    void pathPlaceholdersAreFilledInOrder() {
        assertThat(DemoLoader.path("/api/contracts/{id}/payments", List.of("c-1"))).isEqualTo("/api/contracts/c-1/payments");
        assertThat(DemoLoader.path("/api/targets", List.of())).isEqualTo("/api/targets");
    }

    private DemoTokens tokens() {
        return new DemoTokens(() -> "admin-token", clientId -> clientId + "-token", username -> username + "-token");
    }

    private interface Handler {
        boolean handle(HttpExchange exchange) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
        });
        server.start();
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private static boolean answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
        return true;
    }
}
