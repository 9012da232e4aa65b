package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoCompany.Person;
import com.quota.localstack.demo.DemoCompany.PersonRole;
import com.quota.localstack.demo.DemoContractSteps.Approver;
import com.quota.localstack.demo.DemoDataset.Contract;
import com.quota.localstack.demo.DemoDataset.Money;
import com.quota.localstack.demo.DemoDataset.Payment;
import com.quota.localstack.demo.DemoLoader.Outcome;
import com.quota.localstack.demo.DemoLoader.Report;
import com.quota.localstack.demo.DemoLoader.StepReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** contract-service's demo steps: who approves what, the plans, amendments and termination, and a rerun that creates nothing. */
class DemoContractStepsTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final DemoCompany company = DemoCompanyReader.read();
    private final DemoDataset data = new DemoDataGenerator(company).generate();
    private final String reporting = company.company().reportingCurrency();
    private final List<DemoStep> steps = DemoContractSteps.all(company, data);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private DemoStep step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static Contract contract(String amount, String currency) {
        return new Contract("C", "O", new Money(new BigDecimal(amount), currency), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5),
                LocalDate.of(2027, 3, 4), List.of(new DemoDataset.Owner(UUID.randomUUID(), 100, true)));
    }

    @Test
    void theChainFollowsTheSeededBandsOfTheReportingValueAtTheDemoRate() {
        assertThat(DemoContractSteps.chain(contract("100000.00", "CNY"), "CNY")).containsExactly(Approver.MANAGER);
        assertThat(DemoContractSteps.chain(contract("100000.01", "CNY"), "CNY")).containsExactly(Approver.DIRECTOR);
        // 14084.50 USD × 7.10 = 99,999.95 CNY; 14084.51 USD = 100,000.02 CNY
        assertThat(DemoContractSteps.chain(contract("14084.50", "USD"), "CNY")).containsExactly(Approver.MANAGER);
        assertThat(DemoContractSteps.chain(contract("14084.51", "USD"), "CNY")).containsExactly(Approver.DIRECTOR);
        assertThat(DemoContractSteps.chain(contract("1000000.00", "CNY"), "CNY")).containsExactly(Approver.DIRECTOR);
        assertThat(DemoContractSteps.chain(contract("1000000.01", "CNY"), "CNY")).containsExactly(Approver.DIRECTOR, Approver.ADMIN);
    }

    @Test
    void everyContractIsApprovedStepByStepAlongItsChainAndNeverByTheSubmitter() {
        DemoStep submit = step(DemoContractSteps.SUBMITTED);
        assertThat(submit.caller()).isEqualTo("contracts.write");
        assertThat(submit.calls()).hasSize(data.contracts().size());

        List<DemoStep> approvals = steps.stream().filter(s -> s.pathTemplate().endsWith("/approve")).toList();
        assertThat(approvals).allSatisfy(s -> assertThat(s.caller()).isNotEqualTo(submit.caller()));
        Map<String, List<String>> approversByContract = new java.util.HashMap<>();
        for (DemoStep approval : approvals) {
            for (DemoStep.Call call : approval.calls()) {
                approversByContract.computeIfAbsent(call.ref(), k -> new ArrayList<>()).add(approval.caller() == null ? "admin" : approval.caller());
            }
        }
        Set<Approver> seen = new java.util.HashSet<>();
        for (Contract c : data.contracts()) {
            List<Approver> chain = DemoContractSteps.chain(c, reporting);
            seen.addAll(chain);
            List<String> approvers = approversByContract.get(c.externalRef());
            assertThat(approvers).as(c.externalRef()).hasSameSizeAs(chain);
            for (int i = 0; i < chain.size(); i++) {
                String approver = approvers.get(i);
                switch (chain.get(i)) {
                    case MANAGER -> {
                        Person manager = company.people().stream().filter(p -> DemoTokens.userCaller(p.username()).equals(approver))
                                .findFirst().orElseThrow();
                        assertThat(manager.role()).isEqualTo(PersonRole.MANAGER);
                        assertThat(managesOwnersUnit(manager, c)).as(approver + " manages the owner of " + c.externalRef()).isTrue();
                    }
                    case DIRECTOR -> assertThat(approver).isEqualTo(DemoTokens.userCaller("director.zhang"));
                    case ADMIN -> assertThat(approver).isEqualTo("admin");
                }
            }
        }
        // the demo shows every kind of chain
        assertThat(seen).containsExactlyInAnyOrder(Approver.values());
        // the director decides before finance, and signing waits for the last step of every chain
        assertThat(step(DemoContractSteps.APPROVED_BY_FINANCE).needs()).containsExactly(DemoContractSteps.APPROVED_BY_DIRECTOR);
        assertThat(steps.indexOf(step(DemoContractSteps.SIGNED))).isGreaterThan(steps.indexOf(step(DemoContractSteps.APPROVED_BY_FINANCE)));
        assertThat(approvals.stream().mapToInt(steps::indexOf).max().orElseThrow()).isLessThan(steps.indexOf(step(DemoContractSteps.SIGNED)));
    }

    private boolean managesOwnersUnit(Person manager, Contract c) {
        UUID owner = c.owners().stream().filter(DemoDataset.Owner::primary).findFirst().orElseThrow().repId();
        Optional<DemoCompany.Unit> unit = company.person(owner).flatMap(p -> company.unit(p.unitId()));
        while (unit.isPresent()) {
            if (manager.id().equals(unit.get().managerId())) {
                return true;
            }
            unit = Optional.ofNullable(unit.get().parentId()).flatMap(company::unit);
        }
        return false;
    }

    @Test
    void milestoneWeightsMakeOneHundredWithStableIdsAndThePaymentPlanIsExactlyTheValue() {
        Map<String, List<Payment>> payments = data.payments().stream().collect(Collectors.groupingBy(Payment::contractRef));
        for (Contract c : data.contracts()) {
            List<DemoContractSteps.Milestone> milestones = DemoContractSteps.milestones(c);
            assertThat(milestones.stream().mapToInt(DemoContractSteps.Milestone::weight).sum()).isEqualTo(100);
            assertThat(milestones).extracting(DemoContractSteps.Milestone::id)
                    .isEqualTo(DemoContractSteps.milestones(c).stream().map(DemoContractSteps.Milestone::id).toList())
                    .doesNotHaveDuplicates();
            List<DemoContractSteps.Instalment> plan = DemoContractSteps.paymentPlan(c, payments.getOrDefault(c.externalRef(), List.of()));
            BigDecimal planned = plan.stream().map(i -> i.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(planned).as(c.externalRef()).isEqualByComparingTo(c.value().amount());
            assertThat(plan).allSatisfy(i -> assertThat(i.amount().amount()).isPositive());
        }
        // two contracts never share a milestone id (ids are unique in contract-service)
        assertThat(data.contracts().stream().flatMap(c -> DemoContractSteps.milestones(c).stream()).map(DemoContractSteps.Milestone::id)
                .collect(Collectors.toSet())).hasSize(2 * data.contracts().size());
        assertThat(step(DemoContractSteps.MILESTONES_DONE).calls()).isNotEmpty().hasSizeLessThan(2 * data.contracts().size());
    }

    @Test
    void threeAmendmentsRaiseTheValueOneLowersItAboveWhatWasCollectedAndOneContractIsTerminated() {
        Map<String, List<Payment>> payments = data.payments().stream().collect(Collectors.groupingBy(Payment::contractRef));
        List<DemoContractSteps.Amendment> amendments = DemoContractSteps.amendments(data.contracts(), payments, data.asOf());
        assertThat(amendments).hasSize(DemoContractSteps.RAISES + 1);
        assertThat(amendments.subList(0, DemoContractSteps.RAISES))
                .allSatisfy(a -> assertThat(a.value().amount()).isGreaterThan(a.contract().value().amount()));
        DemoContractSteps.Amendment lower = amendments.get(DemoContractSteps.RAISES);
        BigDecimal collected = payments.getOrDefault(lower.contract().externalRef(), List.of()).stream()
                .map(p -> p.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(lower.value().amount()).isLessThan(lower.contract().value().amount()).isGreaterThanOrEqualTo(collected);
        assertThat(amendments).allSatisfy(a -> assertThat(a.effectiveDate()).isAfterOrEqualTo(a.contract().signedOn()));
        assertThat(amendments).extracting(DemoContractSteps.Amendment::key).doesNotHaveDuplicates();

        List<DemoStep.Call> terminations = step(DemoContractSteps.TERMINATIONS).calls();
        assertThat(terminations).hasSize(1);
        String terminated = terminations.get(0).ref();
        assertThat(payments).doesNotContainKey(terminated);
        assertThat(amendments).noneMatch(a -> a.contract().externalRef().equals(terminated));
    }

    @Test
    void aFirstLoadSendsEachTransitionWithTheEtagAsIfMatchAndTheApproversOwnTokens() throws IOException {
        Map<String, Set<String>> bearersByRoute = new ConcurrentHashMap<>();
        Map<String, String> ifMatchByRoute = new ConcurrentHashMap<>();
        AtomicInteger ids = new AtomicInteger();
        URI gateway = serve(exchange -> {
            String route = route(exchange);
            bearersByRoute.computeIfAbsent(route, k -> ConcurrentHashMap.newKeySet()).add(exchange.getRequestHeaders().getFirst("Authorization"));
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-Match")).ifPresent(m -> ifMatchByRoute.put(route, m));
            if (route.equals("GET /api/contracts/{id}")) {
                exchange.getResponseHeaders().add("ETag", "\"3\"");
            }
            return answer(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "{\"id\":\"id-" + ids.incrementAndGet() + "\"}");
        });

        Report report = new DemoLoader(gateway, company, small(), tokens(), line -> { }).load();

        for (DemoStep step : DemoContractSteps.all(company, small())) {
            assertThat(report.step(step.name()).orElseThrow()).as(step.name())
                    .extracting(StepReport::outcome, StepReport::failed).containsExactly(Outcome.LOADED, 0);
        }
        assertThat(bearersByRoute.get("POST /api/contracts/{id}/submit")).containsExactly("Bearer erp-finance-token");
        assertThat(bearersByRoute.get("POST /api/contracts/{id}/approve")).contains("Bearer director.zhang-token", "Bearer admin-token")
                .anyMatch(b -> b.startsWith("Bearer manager."))
                .doesNotContain("Bearer erp-finance-token");
        assertThat(ifMatchByRoute).containsEntry("POST /api/contracts/{id}/submit", "\"3\"")
                .containsEntry("POST /api/contracts/{id}/approve", "\"3\"")
                .containsEntry("POST /api/contracts/{id}/sign", "\"3\"")
                .containsEntry("PUT /api/contracts/{id}/milestones", "\"3\"")
                .containsEntry("POST /api/contracts/{id}/milestones/{id}/complete", "\"3\"")
                .containsEntry("PUT /api/contracts/{id}/payment-plan", "\"3\"")
                .containsEntry("POST /api/contracts/{id}/amendments", "\"3\"")
                .containsEntry("POST /api/contracts/{id}/terminate", "\"3\"");
    }

    @Test
    void aSecondLoadFindsEveryTransitionMadeAndCreatesNothing() throws IOException {
        // what contract-service answers the second time: 409 for a transition already made (the contract is found by its
        // externalRef), the first answer again for a repeated Idempotency-Key or payment externalRef, PUTs as before
        List<String> amendmentKeys = Collections.synchronizedList(new ArrayList<>());
        // the terminated contract's plans cannot change any more: its PUTs answer 409
        DemoDataset small = small();
        String terminatedRef = DemoContractSteps.all(company, small).stream().filter(st -> st.name().equals(DemoContractSteps.TERMINATIONS))
                .findFirst().orElseThrow().calls().get(0).ref();
        String terminated = "/ctr-" + terminatedRef + "/";
        URI gateway = serve(exchange -> {
            String route = route(exchange);
            if (route.matches("POST /api/contracts/\\{id}/(submit|approve|sign|start-execution|terminate|milestones/\\{id}/complete)")) {
                return answer(exchange, 409, "{\"type\":\"https://quota.example/problems/transition-not-allowed\",\"status\":409}");
            }
            if (route.equals("GET /api/contracts")) {
                // found by its externalRef, with the id the first load was given
                String ref = exchange.getRequestURI().getQuery().replace("externalRef=", "");
                return answer(exchange, 200, "{\"items\":[{\"id\":\"ctr-" + ref + "\"}]}");
            }
            if (route.equals("POST /api/contracts")) {
                String ref = DemoApi.JSON.readTree((String) exchange.getAttribute("body")).path("externalRef").asString();
                return answer(exchange, 201, "{\"id\":\"ctr-" + ref + "\"}");
            }
            if (route.matches("PUT /api/contracts/\\{id}/(milestones|payment-plan)") && exchange.getRequestURI().getPath().contains(terminated)) {
                return answer(exchange, 409, "{\"type\":\"https://quota.example/problems/contract-is-final\",\"status\":409}");
            }
            if (route.equals("POST /api/contracts/{id}/amendments")) {
                amendmentKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            }
            if (route.equals("POST /api/contracts/{id}/payments")) {
                return answer(exchange, 200, "{\"id\":\"id-9\"}");
            }
            return answer(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "{\"id\":\"id-7\"}");
        });

        Report report = new DemoLoader(gateway, company, small, tokens(), line -> { }).load();

        for (String transition : List.of(DemoContractSteps.SUBMITTED, DemoContractSteps.APPROVED_BY_DIRECTOR, DemoContractSteps.SIGNED,
                DemoContractSteps.IN_EXECUTION, DemoContractSteps.MILESTONES_DONE, DemoContractSteps.TERMINATIONS)) {
            StepReport r = report.step(transition).orElseThrow();
            assertThat(r).as(transition).extracting(StepReport::outcome, StepReport::created, StepReport::failed, StepReport::existing)
                    .containsExactly(Outcome.LOADED, 0, 0, r.total());
        }
        for (String plan : List.of(DemoContractSteps.MILESTONES, DemoContractSteps.PAYMENT_PLANS)) {
            assertThat(report.step(plan).orElseThrow()).as(plan).extracting(StepReport::outcome, StepReport::failed, StepReport::existing)
                    .containsExactly(Outcome.LOADED, 0, 1);
        }
        assertThat(amendmentKeys).hasSize(DemoContractSteps.all(company, small).stream()
                        .filter(st -> st.name().equals(DemoContractSteps.AMENDMENTS)).findFirst().orElseThrow().calls().size()).doesNotHaveDuplicates().allMatch(k -> k.startsWith("DEMO-AMD-"));
        assertThat(report.step(DemoSteps.PAYMENTS).orElseThrow().failed()).isZero();
    }

    /**
     * The demo's contracts, a few of each chain (and the terminated one), with their opportunities, accounts and
     * payments: a whole load against the stand-in gateway in seconds.
     */
    private DemoDataset small() {
        Map<List<Approver>, Integer> perChain = new java.util.HashMap<>();
        String terminated = step(DemoContractSteps.TERMINATIONS).calls().get(0).ref();
        List<Contract> contracts = data.contracts().stream()
                .filter(c -> c.externalRef().equals(terminated)
                        || perChain.merge(DemoContractSteps.chain(c, reporting), 1, Integer::sum) <= DemoContractSteps.RAISES + 3)
                .toList();
        Set<String> refs = contracts.stream().map(Contract::externalRef).collect(Collectors.toSet());
        Set<String> opportunities = contracts.stream().map(Contract::opportunityRef).collect(Collectors.toSet());
        List<DemoDataset.Opportunity> won = data.opportunities().stream().filter(o -> opportunities.contains(o.externalRef())).toList();
        Set<String> accounts = won.stream().map(DemoDataset.Opportunity::accountRef).collect(Collectors.toSet());
        return new DemoDataset(data.fiscalYear(), data.asOf(), List.of(), data.pipeline(),
                data.accounts().stream().filter(a -> accounts.contains(a.externalRef())).toList(), won, contracts,
                data.payments().stream().filter(p -> refs.contains(p.contractRef())).toList());
    }

    private static String route(HttpExchange exchange) {
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath().replaceAll("/[0-9a-f-]{36}|/id-\\d+|/ctr-[A-Z0-9-]+", "/{id}");
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
            exchange.setAttribute("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
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
