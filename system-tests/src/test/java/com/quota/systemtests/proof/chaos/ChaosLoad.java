package com.quota.systemtests.proof.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.quota.systemtests.proof.chaos.ChaosScenario.body;
import static com.quota.systemtests.proof.chaos.ChaosScenario.cny;
import static com.quota.systemtests.proof.chaos.ChaosScenario.today;

/**
 * The steady load of the chaos run, open-model (a slow answer never slows the rate): wins (an opportunity created and
 * won, pipeline-service) at {@code winsPerSecond}, and contract operations at half that rate (contract-service):
 * payments and amendments on the running half of the pool, terminations on the other half. Operations on one contract
 * are serialized (each amendment and termination carries the contract's current ETag). Every answer is recorded;
 * only 2xx answers enter the {@link Expectations}.
 */
public final class ChaosLoad {

    /** Client-side limit of one request: no answer within it is a hang (the verdict prints the slowest answer too). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ProofStack stack;
    private final ChaosScenario scenario;
    private final Expectations expectations;
    private final List<RequestOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final Map<UUID, Object> contractLocks = new ConcurrentHashMap<>();
    private final List<UUID> running = new ArrayList<>();
    private final List<UUID> toTerminate = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
    private final ExecutorService workers = Executors.newFixedThreadPool(48);

    public ChaosLoad(ProofStack stack, ChaosScenario scenario, Expectations expectations) {
        this.stack = stack;
        this.scenario = scenario;
        this.expectations = expectations;
        List<UUID> pool = new ArrayList<>(scenario.repOfContract.keySet());
        for (int i = 0; i < pool.size(); i++) {
            (i % 2 == 0 ? running : toTerminate).add(pool.get(i));
            contractLocks.put(pool.get(i), new Object());
        }
    }

    public void start(double winsPerSecond) {
        long winPeriod = (long) (1_000_000 / winsPerSecond);
        ticks.scheduleAtFixedRate(() -> submit(this::win), 0, winPeriod, TimeUnit.MICROSECONDS);
        ticks.scheduleAtFixedRate(() -> submit(this::contractOperation), winPeriod / 2, winPeriod * 2, TimeUnit.MICROSECONDS);
    }

    /** Sends nothing new until {@link #resume()}, and waits until the requests in flight are answered. */
    public void pause() throws InterruptedException {
        paused.set(true);
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.multipliedBy(3).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    public void resume() {
        paused.set(false);
    }

    private void submit(Runnable operation) {
        if (paused.get()) {
            return;
        }
        inFlight.incrementAndGet();
        workers.submit(() -> {
            try {
                operation.run();
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** Stops sending and waits for the requests in flight. */
    public void stop() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(10, TimeUnit.SECONDS);
        workers.shutdown();
        workers.awaitTermination(REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    public List<RequestOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    private void win() {
        long n = sequence.incrementAndGet();
        UUID rep = scenario.reps.get((int) (n % scenario.reps.size()));
        BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_000_00, 9_999_99), 2);
        String ref = "CH-OPP-" + scenario.run + "-" + n;
        ProofStack.Answer created = send("opportunity", "POST", "/api/opportunities", stack.crm(), body("externalRef", ref,
                "accountId", scenario.accountOfRep.get(rep), "pipelineId", scenario.pipeline, "title", "Deal " + ref,
                "amount", cny(amount), "expectedCloseDate", today(),
                "owners", List.of(body("repId", rep, "splitPercent", "100", "primary", true)), "stage", "NEGOTIATION"), Map.of());
        if (created.status() != 201) {
            return;
        }
        String deal = created.json().get("id").asString();
        if (send("win", "POST", "/api/opportunities/" + deal + "/win", stack.crm(), body("closeDate", today()), Map.of()).ok()) {
            expectations.won(rep, amount);
        }
    }

    private void contractOperation() {
        long n = sequence.incrementAndGet();
        int kind = (int) (n % 10);
        if (kind == 9) {
            UUID contract;
            synchronized (toTerminate) {
                if (toTerminate.isEmpty()) {
                    return;
                }
                contract = toTerminate.remove(0);
            }
            terminate(contract);
        } else {
            UUID contract = running.get(ThreadLocalRandom.current().nextInt(running.size()));
            if (kind >= 6) {
                amend(contract);
            } else {
                pay(contract, n);
            }
        }
    }

    private void pay(UUID contract, long n) {
        BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_00, 99_99), 2);
        synchronized (contractLocks.get(contract)) {
            if (send("payment", "POST", "/api/contracts/" + contract + "/payments", stack.erp(), body("amount", cny(amount),
                    "receivedDate", today(), "externalRef", "CH-PAY-" + scenario.run + "-" + n), Map.of()).ok()) {
                expectations.paid(scenario.repOfContract.get(contract), amount);
            }
        }
    }

    private void amend(UUID contract) {
        synchronized (contractLocks.get(contract)) {
            ProofStack.Answer current = send("contract read", "GET", "/api/contracts/" + contract, stack.admin(), null, Map.of());
            if (!current.ok()) {
                return;
            }
            BigDecimal value = expectations.valueOf(contract).add(new BigDecimal("1000.00"));
            if (send("amendment", "POST", "/api/contracts/" + contract + "/amendments", stack.admin(), body("value", cny(value),
                    "reason", "Chaos proof: scope extended", "effectiveDate", today()), Map.of("If-Match", current.etag())).ok()) {
                expectations.amended(contract, value);
            }
        }
    }

    private void terminate(UUID contract) {
        synchronized (contractLocks.get(contract)) {
            ProofStack.Answer current = send("contract read", "GET", "/api/contracts/" + contract, stack.admin(), null, Map.of());
            boolean done = current.ok() && send("termination", "POST", "/api/contracts/" + contract + "/terminate", stack.admin(),
                    body("terminationDate", today(), "reason", "Chaos proof: customer cancelled"), Map.of("If-Match", current.etag())).ok();
            if (done) {
                expectations.terminated(contract);
            } else {
                synchronized (toTerminate) {
                    toTerminate.add(contract); // tried again later
                }
            }
        }
    }

    private ProofStack.Answer send(String kind, String method, String path, String token, Object body, Map<String, String> headers) {
        Instant sent = Instant.now();
        ProofStack.Answer answer = stack.call(method, path, token, body, headers, REQUEST_TIMEOUT);
        outcomes.add(new RequestOutcome(kind, sent, answer.took(), answer.status(), answer.contentType(), answer.error()));
        if (!answer.ok() && (answer.status() != 503 || answer.took().compareTo(ChaosVerdicts.MAX_ANSWER_DURING_OUTAGE) > 0)) {
            System.out.println("[chaos] " + sent + " " + kind + " " + method + " " + path + " -> " + answer.status() + " after "
                    + answer.took().toMillis() + " ms " + answer.error() + " "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
        return answer;
    }
}
