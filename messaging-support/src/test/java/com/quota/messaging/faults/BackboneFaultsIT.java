package com.quota.messaging.faults;

import com.quota.localstack.infra.KafkaBroker;
import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.TopicReader;
import com.quota.messaging.consumer.DeadLetterOperations;
import com.quota.messaging.consumer.EventConsumers;
import com.quota.messaging.ops.MessagingOperationsEndpoint;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.messaging.relay.OutboxOperations;
import com.quota.messaging.relay.OutboxRelay;
import com.quota.messaging.testapp.ConsumptionProbe;
import com.quota.messaging.testapp.DealRecorded;
import com.quota.messaging.testapp.DealService;
import com.quota.messaging.testapp.TestMessagingApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The backbone under real faults, on a real PostgreSQL process and a real Kafka broker process (no embedded
 * stand-ins): the database stopped the hard way and started 20 s later, the broker SIGKILLed, the consuming JVM
 * SIGKILLed, a poison event in a key's stream, outbox rows the broker refuses, concurrent writers on one key.
 * The stream sizes are small in the normal build; {@code -Dfaults.accounts=N -Dfaults.eventsPerAccount=M} make
 * them as long as wanted (see docs/operations.md).
 */
// part of every verify; -Dfaults.excludedGroups=faults skips it for a quick local build
@Tag("faults")
class BackboneFaultsIT {

    private static final int ACCOUNTS = Integer.getInteger("faults.accounts", 6);
    private static final int EVENTS_PER_ACCOUNT = Integer.getInteger("faults.eventsPerAccount", 40);
    private static final String CONSUMER = TestMessagingApplication.CONSUMER;
    private static final String DLT = TestMessagingApplication.TOPIC + "-dlt";
    /** Longest wait for anything; generous because the machine is shared (it only matters when a test fails). */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private static PostgresProcess postgres;
    private static KafkaBroker broker;
    private static ConfigurableApplicationContext app;
    private static Map<String, Object> properties;

    @BeforeAll
    static void start() throws Exception {
        String run = UUID.randomUUID().toString();
        postgres = new PostgresProcess(Path.of("target", "faults-pg-" + run));
        postgres.start();
        postgres.createDatabase("faults");
        // one partition for the group coordinator's offsets topic: groups form in seconds, not minutes, on a busy machine
        broker = KafkaBroker.builder().dataDir(Path.of("target", "faults-kafka-" + run))
                .brokerProperty("offsets.topic.num.partitions", "1").startTimeout(PATIENCE).build();
        broker.start();
        properties = new HashMap<>();
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://localhost:" + postgres.port() + "/faults");
        properties.put("spring.r2dbc.username", "postgres");
        properties.put("spring.r2dbc.password", "postgres");
        properties.put("spring.flyway.url", "jdbc:postgresql://localhost:" + postgres.port() + "/faults");
        properties.put("spring.flyway.user", "postgres");
        properties.put("spring.flyway.password", "postgres");
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("quota.messaging.consumer.transient-max-backoff", "1s");
        properties.put("quota.messaging.consumer.handler-timeout", "10s");
        properties.put("quota.messaging.consumer.poll-timeout", "20s");
        properties.put("quota.messaging.relay.max-attempts", "3");
        // small polls, so a fault can land between two of them; a killed consumer leaves its group within 10 s
        properties.put("spring.kafka.consumer.max-poll-records", "50");
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        // as command-line arguments, the highest precedence: an @EmbeddedKafka test that ran before in this JVM leaves
        // a JVM-wide spring.kafka.bootstrap-servers system property (spring-kafka-test 4's default), which wins over
        // default properties and once pointed this application at that embedded broker instead of the broker process
        app = new SpringApplicationBuilder(TestMessagingApplication.class).web(WebApplicationType.NONE)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        assertThat(app.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .as("the application talks to the broker process this test kills").isEqualTo(broker.bootstrapServers());
        awaitAssigned();
    }

    /** The consumer owns its partitions (a test that starts it again waits for this before it counts effects). */
    private static void awaitAssigned() {
        await().atMost(PATIENCE).until(() -> {
            var container = consumers().containers().get(CONSUMER);
            return container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty();
        });
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (broker != null) {
                broker.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void databaseStoppedImmediatelyMidStreamAndStartedTwentySecondsLaterLosesNothingAndDeadLettersNothing() throws Exception {
        List<String> accounts = accounts("pg-restart");
        int total = ACCOUNTS * EVENTS_PER_ACCOUNT;
        consumers().stop();
        write(accounts, 1, EVENTS_PER_ACCOUNT);
        awaitPublished(accounts, total);
        double retriesBefore = metrics().count("quota.messaging.consumer.transient.retries");
        probe().delayPerEvent(10);
        try {
            consumers().start();
            awaitAssigned();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> effects(accounts) > 0);
            long applied = effects(accounts);
            long stoppedAt = System.nanoTime();
            postgres.stopImmediately();
            assertThat(applied).as("stopped in the middle of the stream").isLessThan(total);

            // the consumer keeps failing for 20 s without dead-lettering anything
            await().atMost(PATIENCE).until(() ->
                    metrics().count("quota.messaging.consumer.transient.retries") > retriesBefore
                            && PostgresProcess.since(stoppedAt).compareTo(Duration.ofSeconds(20)) >= 0);
            postgres.start();
        } finally {
            probe().delayPerEvent(0);
        }

        awaitExplained("every event applied", () -> effects(accounts) == total);
        assertEachAppliedOnceInOrder(accounts, EVENTS_PER_ACCOUNT);
        assertNothingDeadLettered(accounts);
    }

    @Test
    void aPollTooSlowForItsTimeLimitIsAppliedInSmallerTransactionsInsteadOfTimingOutForever() {
        // one account (a key's events apply one after another), 50 events of 450 ms: the poll needs 22.5 s in one
        // transaction, more than the 20 s poll timeout; retried whole it would time out forever (chaos finding F4),
        // in halves it fits
        List<String> accounts = accounts("slow-poll").subList(0, 1);
        int events = 50;
        consumers().stop();
        write(accounts, 1, events);
        awaitPublished(accounts, events);
        double retriesBefore = metrics().count("quota.messaging.consumer.transient.retries");
        probe().delayPerEvent(450);
        try {
            consumers().start();
            awaitExplained("every event applied", () -> effects(accounts) == events);
        } finally {
            probe().delayPerEvent(0);
        }
        assertThat(metrics().count("quota.messaging.consumer.transient.retries")).as("the whole poll timed out first")
                .isGreaterThan(retriesBefore);
        assertEachAppliedOnceInOrder(accounts, events);
        assertNothingDeadLettered(accounts);
    }

    @Test
    void brokerKilledMidStreamAndRestartedLosesNothingAndTheRelayStopsInTime() {
        List<String> accounts = accounts("broker-kill");
        int half = EVENTS_PER_ACCOUNT / 2;
        probe().delayPerEvent(2);
        try {
            write(accounts, 1, half);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> effects(accounts) > 0);
            broker.kill();
            // the service keeps taking writes while the broker is dead: the events wait in the outbox
            write(accounts, half + 1, EVENTS_PER_ACCOUNT);
            OutboxRelay relay = app.getBean(OutboxRelay.class);
            long stopping = System.nanoTime();
            relay.stop();
            assertThat(PostgresProcess.since(stopping)).as("relay stops within Kubernetes' grace period").isLessThan(Duration.ofSeconds(30));
            relay.start();
            broker.start();
        } finally {
            probe().delayPerEvent(0);
        }

        awaitExplained("every event applied", () -> effects(accounts) == (long) ACCOUNTS * EVENTS_PER_ACCOUNT);
        assertEachAppliedOnceInOrder(accounts, EVENTS_PER_ACCOUNT);
        assertNothingDeadLettered(accounts);
    }

    @Test
    void consumingJvmKilledMidBatchAndRestartedAppliesEveryEventOnceInOrder() throws Exception {
        List<String> accounts = accounts("jvm-kill");
        int total = ACCOUNTS * EVENTS_PER_ACCOUNT;
        consumers().stop();
        Process child = null;
        try {
            write(accounts, 1, EVENTS_PER_ACCOUNT);
            awaitPublished(accounts, total);
            child = startConsumerJvm("first", 10);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> effects(accounts) > 0);
            child.destroyForcibly().waitFor();
            long applied = effects(accounts);
            assertThat(applied).as("killed in the middle of the stream").isLessThan(total);

            child = startConsumerJvm("second", 0);
            awaitExplained("every event applied", () -> effects(accounts) == total);
        } finally {
            if (child != null) {
                child.destroy();
                child.waitFor();
            }
            consumers().start();
            awaitAssigned();
        }
        assertEachAppliedOnceInOrder(accounts, EVENTS_PER_ACCOUNT);
        assertNothingDeadLettered(accounts);
    }

    @Test
    void poisonInTheMiddleOfAKeyIsDeadLetteredItsLaterEventsParkedAndARedriveAppliesThemOnceInOrder() {
        String key = account("poison");
        String other = account("flowing");
        deals().recordDeal(key, 1, BigDecimal.ONE).block();
        deals().recordDeal(key, 2, BigDecimal.ONE).block();
        UUID poison = deals().recordDealWithBehaviour(key, 3, DealRecorded.INVALID_UNTIL_FIXED).block();
        deals().recordDeal(key, 4, BigDecimal.ONE).block();
        deals().recordDeal(key, 5, BigDecimal.ONE).block();
        for (int seq = 1; seq <= 5; seq++) {
            deals().recordDeal(other, seq, BigDecimal.ONE).block();
        }

        awaitExplained("the other key flows and the poison key parks", () -> effects(List.of(other)) == 5
                && stored(key, "PARKED") == 2 && stored(key, "DEAD_LETTERED") == 1);
        assertThat(seqs(key)).as("the key stops at the poison").containsExactly(1, 2);
        assertThat(seqs(other)).as("other keys flow").containsExactly(1, 2, 3, 4, 5);
        await().atMost(PATIENCE).until(() -> TopicReader.readAll(broker.bootstrapServers(), DLT).stream()
                .filter(r -> key.equals(r.key())).count() == 1);
        List<DeadLetterOperations.StoredEvent> open = operations().open(CONSUMER, 1000)
                .filter(e -> key.equals(e.key())).collectList().block();
        assertThat(open).extracting(DeadLetterOperations.StoredEvent::status).containsExactly("DEAD_LETTERED", "PARKED", "PARKED");
        assertThat(open.get(0).error()).contains("breaks the projection's rules");
        Map<String, Object> overview = endpoint().overview().block();
        assertThat(overview).containsKeys("deadLettered", "parked", "parkedOutboxRows");

        // redrive before the fix: nothing changes, the failure is recorded
        assertThat(operations().redrive(CONSUMER, key, "ops-admin", "too early").block().done()).isFalse();
        assertThat(seqs(key)).containsExactly(1, 2);

        probe().fix(poison);
        Map<String, Object> redriven = endpoint().act("redrive", CONSUMER, key, null, null, "projection rule fixed", admin()).block();
        assertThat(redriven).containsEntry("done", true).containsEntry("applied", 3);
        assertThat(seqs(key)).as("applied once each, in order").containsExactly(1, 2, 3, 4, 5);
        assertThat(stored(key, "REDRIVEN")).isEqualTo(3);
        assertThat(audits("redrive", key)).isEqualTo(2);

        // the key is no longer parked: its next event is applied at once
        deals().recordDeal(key, 6, BigDecimal.ONE).block();
        await().atMost(PATIENCE).until(() -> seqs(key).size() == 6);
        assertThat(seqs(key)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aDiscardedPoisonEventIsAuditedAndItsKeyFlowsOn() {
        String key = account("discard");
        deals().recordDeal(key, 1, BigDecimal.ONE).block();
        deals().recordDealWithBehaviour(key, 2, DealRecorded.INVALID_UNTIL_FIXED).block();
        deals().recordDeal(key, 3, BigDecimal.ONE).block();
        await().atMost(PATIENCE).until(() -> stored(key, "PARKED") == 1 && stored(key, "DEAD_LETTERED") == 1);
        long poisonId = operations().open(CONSUMER, 1000).filter(e -> key.equals(e.key()) && e.status().equals("DEAD_LETTERED"))
                .blockFirst().id();

        assertThat(endpoint().act("discard", null, null, poisonId, null, " ", admin()).block()).containsEntry("done", false);
        assertThat(endpoint().act("discard", null, null, poisonId, null, "duplicate deal entered by mistake", admin()).block())
                .containsEntry("done", true);

        assertThat(seqs(key)).containsExactly(1, 3);
        assertThat(scalar("SELECT count(*) FROM messaging_operator_action WHERE action = 'discard' AND actor = 'ops-admin' "
                + "AND reason = 'duplicate deal entered by mistake'")).isEqualTo(1);
        assertThat(stored(key, "DISCARDED")).isEqualTo(1);
    }

    @Test
    void rowsForAnUnknownTopicOrTooLargeForTheBrokerAreParkedAloneAndEveryOtherRowIsPublished() {
        String unknownKey = account("unknown-topic");
        String largeKey = account("too-large");
        List<String> others = accounts("others");
        double parkedBefore = metrics().count("quota.messaging.outbox.parked.rows");
        inTransaction(writer().append(OutboxMessage.of("faults.no-such-topic.v1", "DealRecorded", "1", unknownKey)
                .payload(Map.of("note", "nobody declared this topic")).build()));
        inTransaction(writer().append(OutboxMessage.of(TestMessagingApplication.TOPIC, "DealRecorded", "1", largeKey)
                .payload(Map.of("blob", "x".repeat(2 * 1024 * 1024))).build()));
        UUID heldBack = deals().recordDeal(largeKey, 2, BigDecimal.ONE).block();
        write(others, 1, 5);

        await().atMost(PATIENCE).until(() -> parked(unknownKey) == 1 && parked(largeKey) == 1);
        awaitExplained("every other row applied", () -> effects(others) == others.size() * 5L);
        assertThat(scalar("SELECT count(*) FROM outbox_event WHERE message_key = ANY(:keys) AND published_at IS NULL",
                others)).as("every other row published").isZero();
        assertThat(metrics().count("quota.messaging.outbox.parked.rows")).isGreaterThanOrEqualTo(parkedBefore + 2);
        List<OutboxOperations.ParkedRow> parkedRows = outboxOperations().parked(1000).collectList().block();
        assertThat(parkedRows).filteredOn(row -> row.key().equals(unknownKey)).singleElement()
                .satisfies(row -> assertThat(row.lastError()).contains("faults.no-such-topic.v1"));
        assertThat(parkedRows).filteredOn(row -> row.key().equals(largeKey)).singleElement()
                .satisfies(row -> assertThat(row.lastError()).contains("RecordTooLarge"));
        assertThat(effects(List.of(largeKey))).as("the later row of the parked key waits behind it").isZero();

        UUID largeRow = parkedRows.stream().filter(row -> row.key().equals(largeKey)).findFirst().orElseThrow().id();
        assertThat(endpoint().act("outbox-discard", null, null, null, largeRow.toString(), "payload too large, re-sent in parts",
                admin()).block()).containsEntry("done", true);
        await().atMost(PATIENCE).until(() -> effects(List.of(largeKey)) == 1);
        assertThat(scalar("SELECT count(*) FROM deal_effect WHERE deal_id = :id", heldBack)).isEqualTo(1);
    }

    @Test
    void concurrentWritersOnOneKeyArePublishedAndAppliedInCommitOrder() {
        String key = account("writers");
        int writers = 16;
        List<Integer> commitOrder = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = app.getBean(OutboxRelay.class);
        // the relay reads the rows only once all have committed: it must still publish them in commit order
        relay.stop();
        try {
            Flux.range(1, writers)
                    .flatMap(seq -> writeAndCommitLater(key, seq, ThreadLocalRandom.current().nextInt(1, 40), commitOrder), writers)
                    .blockLast(Duration.ofSeconds(60));
        } finally {
            relay.start();
        }
        assertThat(commitOrder).hasSize(writers);
        awaitExplained("every writer's event applied", () -> effects(List.of(key)) == writers);
        assertThat(seqs(key)).as("applied in commit order").isEqualTo(commitOrder);
        List<Integer> onTopic = TopicReader.readAll(broker.bootstrapServers(), TestMessagingApplication.TOPIC).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> Integer.parseInt(TopicReader.value(r).replaceAll(".*\"seq\":\\s*(\\d+).*", "$1")))
                .toList();
        assertThat(onTopic).as("published in commit order").isEqualTo(commitOrder);
    }

    @Test
    void theOutboxWriterRefusesToWriteOutsideATransaction() {
        String key = account("no-transaction");
        assertThatThrownBy(() -> writer().append(OutboxMessage.of(TestMessagingApplication.TOPIC, "DealRecorded", "1", key)
                .payload(Map.of("seq", 1)).build()).block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a transaction");
        assertThat(scalar("SELECT count(*) FROM outbox_event WHERE message_key = ANY(:keys)", List.of(key))).isZero();
    }

    // --- helpers

    /**
     * Waits like {@code await().until}, but when the patience runs out it first logs why the consumer is not applying
     * events (assignment, paused partitions, positions against committed and end offsets, pending outbox rows), so a
     * CI failure names its cause.
     */
    private void awaitExplained(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println("=== BackboneFaultsIT: " + what + " did not happen; consumer state follows");
            System.err.println(ConsumerDiagnosis.describe(broker.bootstrapServers(), CONSUMER, consumers().containers(),
                    scalar("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"),
                    scalar("SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL")));
            // an event applied twice keeps an exact count from ever matching, as surely as one never applied
            System.err.println("effects: " + scalar("SELECT count(*) FROM deal_effect") + ", (account, seq) applied more than once: "
                    + scalar("SELECT count(*) FROM (SELECT account_id, seq FROM deal_effect GROUP BY 1, 2 HAVING count(*) > 1) d")
                    + ", inbox rows: " + scalar("SELECT count(*) FROM inbox_event")
                    + ", stored dead letters and parked events by status: "
                    + db().sql("SELECT status || '=' || count(*) AS s FROM inbox_parked_event GROUP BY status")
                    .map((row, meta) -> row.get("s", String.class)).all().collectList().block());
            throw e;
        }
    }

    private Mono<Integer> writeAndCommitLater(String key, int seq, int holdMillis, List<Integer> commitOrder) {
        DealRecorded payload = new DealRecorded(UUID.randomUUID(), key, seq, "1.00", null);
        Mono<Integer> work = writer().append(OutboxMessage.of(TestMessagingApplication.TOPIC, TestMessagingApplication.DEAL_RECORDED,
                        "1", key).payload(payload).build())
                .then(db().sql("SELECT pg_sleep(:s)").bind("s", holdMillis / 1000.0).fetch().rowsUpdated())
                .then(TransactionSynchronizationManager.forCurrentTransaction())
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> commitOrder.add(seq));
                    }
                }))
                .thenReturn(seq);
        return transactions().transactional(work);
    }

    private Process startConsumerJvm(String name, int delayPerEventMillis) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FaultConsumerMain.class.getName());
        properties.forEach((k, v) -> command.add(k + "=" + v));
        command.add("quota.test.delay-per-event-ms=" + delayPerEventMillis);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "fault-consumer-" + name + ".log").toFile()))
                .start();
    }

    private static void inTransaction(Mono<Void> work) {
        transactions().transactional(work).block(Duration.ofSeconds(30));
    }

    private void write(List<String> accounts, int fromSeq, int toSeq) {
        Flux.fromIterable(accounts)
                .flatMap(account -> Flux.range(fromSeq, toSeq - fromSeq + 1)
                        .concatMap(seq -> deals().recordDeal(account, seq, BigDecimal.ONE)), 8)
                .blockLast(Duration.ofMinutes(10));
    }

    private void awaitPublished(List<String> accounts, long total) {
        await().atMost(PATIENCE).until(() -> scalar(
                "SELECT count(*) FROM outbox_event WHERE message_key = ANY(:keys) AND published_at IS NOT NULL", accounts) == total);
    }

    private void assertEachAppliedOnceInOrder(List<String> accounts, int events) {
        List<Integer> expected = IntStream.rangeClosed(1, events).boxed().toList();
        for (String account : accounts) {
            assertThat(seqs(account)).as("each event of %s applied exactly once, in order", account).isEqualTo(expected);
        }
    }

    private void assertNothingDeadLettered(List<String> accounts) {
        assertThat(scalar("SELECT count(*) FROM inbox_parked_event WHERE message_key = ANY(:keys)", accounts))
                .as("nothing dead-lettered or parked").isZero();
        assertThat(TopicReader.readAll(broker.bootstrapServers(), DLT).stream().filter(r -> accounts.contains(r.key())).count())
                .as("nothing on the dead-letter topic").isZero();
    }

    private static List<String> accounts(String prefix) {
        return IntStream.range(0, ACCOUNTS).mapToObj(i -> account(prefix + "-" + i)).toList();
    }

    private static String account(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private long effects(List<String> accounts) {
        return scalar("SELECT count(*) FROM deal_effect WHERE account_id = ANY(:keys)", accounts);
    }

    private List<Integer> seqs(String account) {
        return db().sql("SELECT seq FROM deal_effect WHERE account_id = :account ORDER BY applied_order")
                .bind("account", account).map((row, meta) -> row.get("seq", Integer.class)).all().collectList().block();
    }

    private long stored(String key, String status) {
        return db().sql("SELECT count(*) FROM inbox_parked_event WHERE message_key = :key AND status = :status")
                .bind("key", key).bind("status", status).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private long parked(String key) {
        return scalar("SELECT count(*) FROM outbox_event WHERE message_key = ANY(:keys) AND parked_at IS NOT NULL", List.of(key));
    }

    private long audits(String action, String key) {
        return db().sql("SELECT count(*) FROM messaging_operator_action WHERE action = :action AND target LIKE :target")
                .bind("action", action).bind("target", "%" + key + "%").map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private long scalar(String sql) {
        return db().sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private long scalar(String sql, List<String> keys) {
        return db().sql(sql).bind("keys", keys.toArray(String[]::new)).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private long scalar(String sql, UUID id) {
        return db().sql(sql).bind("id", id).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private static SecurityContext admin() {
        return new SecurityContext() {
            @Override
            public Principal getPrincipal() {
                return () -> "ops-admin";
            }

            @Override
            public boolean isUserInRole(String role) {
                return "ADMIN".equals(role);
            }
        };
    }

    private static DatabaseClient db() {
        return app.getBean(DatabaseClient.class);
    }

    private static TransactionalOperator transactions() {
        return TransactionalOperator.create(app.getBean(ReactiveTransactionManager.class));
    }

    private static DealService deals() {
        return app.getBean(DealService.class);
    }

    private static OutboxWriter writer() {
        return app.getBean(OutboxWriter.class);
    }

    private static EventConsumers consumers() {
        return app.getBean(EventConsumers.class);
    }

    private static ConsumptionProbe probe() {
        return app.getBean(ConsumptionProbe.class);
    }

    private static MessagingMetrics metrics() {
        return app.getBean(MessagingMetrics.class);
    }

    private static DeadLetterOperations operations() {
        return app.getBean(DeadLetterOperations.class);
    }

    private static OutboxOperations outboxOperations() {
        return app.getBean(OutboxOperations.class);
    }

    private static MessagingOperationsEndpoint endpoint() {
        return app.getBean(MessagingOperationsEndpoint.class);
    }
}
