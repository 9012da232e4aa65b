package com.quota.messaging.relay;

import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.MessagingProperties;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes committed outbox rows to Kafka and marks them published.
 * <p>Each poll, in one database transaction: lock up to {@code batchSize} pending rows in insertion order
 * ({@code FOR UPDATE SKIP LOCKED}, so any number of relays, each with its own pool, share the work and never send
 * the same row at once), send them keyed by their aggregate id and wait for the broker's acknowledgements, then mark
 * the sent rows published and the failed ones with their attempt count, error and next attempt time (exponential
 * back-off). A key's rows never overtake each other: see {@link PublishPlan}. Delivery is at least once (a crash
 * between send and commit sends the rows again); consumers skip duplicates through their inbox.
 */
public final class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    // skips keys whose earlier row waits for its back-off: they could not be sent anyway. The check's
    // "(next_attempt_at IS NOT NULL OR parked_at IS NOT NULL)" repeats outbox_event_waiting_key_idx's predicate, so it
    // probes that (normally empty) index instead of every earlier pending row of the key
    private static final String LOCK_BATCH = """
            SELECT o.id, o.position, o.topic, o.message_key, CAST(o.payload AS text) AS payload,
                   CAST(o.headers AS text) AS headers, o.attempts
            FROM outbox_event o
            WHERE o.published_at IS NULL AND o.parked_at IS NULL AND o.discarded_at IS NULL
              AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= clock_timestamp())
              AND NOT EXISTS (SELECT 1 FROM outbox_event w
                              WHERE w.published_at IS NULL AND w.discarded_at IS NULL AND w.message_key = o.message_key
                                AND w.position < o.position
                                AND (w.next_attempt_at IS NOT NULL OR w.parked_at IS NOT NULL)
                                AND (w.next_attempt_at > clock_timestamp() OR w.parked_at IS NOT NULL))
            ORDER BY o.position
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """;
    // pending rows of the same keys that this relay did not lock: locked by another relay, waiting for back-off, parked
    // per key the first such row in position order (an index walk that stops there, past at most this batch's own
    // rows of the key), not the minimum over every pending row of the key (a hot key's whole backlog, every poll)
    private static final String FOREIGN_HEADS = """
            SELECT k.message_key, h.head
            FROM unnest(CAST(:keys AS text[])) AS k(message_key)
            CROSS JOIN LATERAL (
                SELECT o.position AS head
                FROM outbox_event o
                WHERE o.published_at IS NULL AND o.discarded_at IS NULL AND o.message_key = k.message_key
                  AND o.id <> ALL(CAST(:ids AS uuid[]))
                ORDER BY o.position
                LIMIT 1) AS h
            """;
    private static final String MARK_PUBLISHED = """
            UPDATE outbox_event
            SET published_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL
            WHERE id = ANY(CAST(:ids AS uuid[]))
            """;
    private static final String MARK_FAILED = """
            UPDATE outbox_event o
            SET attempts = o.attempts + 1, last_error = f.error,
                next_attempt_at = clock_timestamp() + f.delay_ms * interval '1 millisecond',
                parked_at = CASE WHEN f.park THEN clock_timestamp() END
            FROM unnest(CAST(:ids AS uuid[]), CAST(:delays AS bigint[]), CAST(:errors AS text[]), CAST(:park AS boolean[]))
                 AS f(id, delay_ms, error, park)
            WHERE o.id = f.id
            """;
    private static final String BACKLOG = """
            SELECT count(*) FILTER (WHERE parked_at IS NULL) AS pending,
                   CAST(COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at) FILTER (WHERE parked_at IS NULL)) * 1000, 0)
                        AS bigint) AS oldest_ms,
                   count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked,
                   (SELECT count(*) FROM inbox_parked_event WHERE resolved_at IS NULL AND status = 'DEAD_LETTERED') AS dead_lettered,
                   (SELECT count(*) FROM inbox_parked_event WHERE resolved_at IS NULL AND status = 'PARKED') AS parked_events
            FROM outbox_event
            WHERE published_at IS NULL AND discarded_at IS NULL
            """;
    private static final String PURGE = """
            DELETE FROM outbox_event WHERE id IN (
                SELECT id FROM outbox_event
                WHERE published_at IS NOT NULL AND published_at < clock_timestamp() - :retentionMs * interval '1 millisecond'
                LIMIT :limit)
            """;
    private static final int PURGE_CHUNK = 5_000;
    private static final int MAX_ERROR_LENGTH = 2_000;
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    private final String name;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ProducerFactory<String, String> producers;
    private final Settings settings;
    private final MessagingMetrics metrics;
    private final JsonMapper json;

    private final Object lifecycle = new Object();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread worker;
    private Scheduler sendScheduler;
    private Admin admin;

    /**
     * @param name        shows in thread names and logs, e.g. the application name
     * @param connections the relay's database; a pool, since a poll holds one connection for its transaction
     * @param producers   see {@link RelayProducer#factory}
     */
    public OutboxRelay(String name, ConnectionFactory connections, ProducerFactory<String, String> producers,
                       Settings settings, MessagingMetrics metrics, JsonMapper json) {
        this.name = name;
        this.db = DatabaseClient.create(connections);
        this.tx = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        this.producers = producers;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
    }

    /** Asks the relay to poll now instead of at the end of its pause (called after a commit that wrote events). */
    public void wakeUp() {
        wakeRequested.set(true);
        Thread thread = worker;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            sendScheduler = Schedulers.newSingle("outbox-relay-send-" + name, true);
            Thread thread = new Thread(this::run, "outbox-relay-" + name);
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }
    }

    /** Finishes the poll in progress (its sends and its commit), then returns. */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            Thread thread = worker;
            LockSupport.unpark(thread);
            try {
                // bounded: the poll in progress gives up its sends when it sees the relay stopping (rows stay pending)
                thread.join(settings.shutdownTimeout().toMillis());
                if (thread.isAlive()) {
                    log.warn("Outbox relay {} did not finish its poll in time; interrupting it", name);
                    thread.interrupt();
                    thread.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
            sendScheduler.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops the relay and closes its Kafka producer. */
    @Override
    public void close() {
        stop();
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
        if (producers instanceof DisposableBean disposable) {
            try {
                disposable.destroy();
            } catch (Exception e) {
                log.debug("Outbox relay {} could not close its producer: {}", name, e.toString());
            }
        }
    }

    @Override
    public int getPhase() {
        // after the listener containers (MAX_VALUE - 100) on stop: consumers stop first, the relay last
        return Integer.MAX_VALUE - 200;
    }

    private void run() {
        long nextMetrics = System.nanoTime();
        long nextPurge = System.nanoTime() + Math.min(settings.purgeInterval().toNanos(), Duration.ofMinutes(1).toNanos());
        int failedPolls = 0;
        while (running) {
            Pass pass = null;
            try {
                pass = pollOnce().block(settings.passTimeout());
                failedPolls = pass != null && pass.allFailed() ? failedPolls + 1 : 0;
            } catch (RuntimeException e) {
                failedPolls++;
                if (running) {
                    log.warn("Outbox relay {} poll failed (attempt {}): {}", name, failedPolls, e.toString());
                }
            }
            long now = System.nanoTime();
            if (running && now - nextMetrics >= 0) {
                refreshBacklog();
                nextMetrics = now + settings.metricsInterval().toNanos();
            }
            if (running && now - nextPurge >= 0) {
                purgePublished();
                nextPurge = now + settings.purgeInterval().toNanos();
            }
            if (pass != null && pass.mayHaveMore()) {
                continue;
            }
            // failed rows wait for their own next attempt (the poll skips them), so a wake-up for new rows is always
            // honoured; a failed poll (database down) or a broker that answers nothing backs off
            pauseUntilWokenUp(failedPolls > 0 ? settings.backoff().delayAfter(failedPolls) : settings.pollInterval());
        }
    }

    /** One poll: lock, send, record, commit. */
    Mono<Pass> pollOnce() {
        return db.sql(LOCK_BATCH)
                .bind("limit", settings.batchSize())
                .map((row, meta) -> new OutboxRow(
                        row.get("id", UUID.class),
                        row.get("position", Long.class),
                        row.get("topic", String.class),
                        row.get("message_key", String.class),
                        row.get("payload", String.class),
                        json.readValue(row.get("headers", String.class), HEADER_MAP),
                        row.get("attempts", Integer.class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(Pass.EMPTY) : publish(rows))
                .as(tx::transactional);
    }

    private Mono<Pass> publish(List<OutboxRow> rows) {
        return foreignHeads(rows)
                .map(heads -> new PublishPlan<>(rows, OutboxRow::position, OutboxRow::key, heads))
                .flatMap(plan -> Mono.fromCallable(() -> send(plan)).subscribeOn(sendScheduler))
                .flatMap(outcome -> record(outcome).thenReturn(new Pass(rows.size(), outcome.published().size(),
                        outcome.failures().size(), settings.batchSize())));
    }

    private Mono<Map<String, Long>> foreignHeads(List<OutboxRow> rows) {
        String[] keys = rows.stream().map(OutboxRow::key).distinct().toArray(String[]::new);
        UUID[] ids = rows.stream().map(OutboxRow::id).toArray(UUID[]::new);
        return db.sql(FOREIGN_HEADS)
                .bind("keys", keys)
                .bind("ids", ids)
                .map((row, meta) -> Map.entry(row.get("message_key", String.class), row.get("head", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Sends the plan's rounds; blocking, so it runs on the send scheduler, never on a database thread. */
    private SendOutcome send(PublishPlan<OutboxRow> plan) {
        List<OutboxRow> published = new ArrayList<>();
        Map<OutboxRow, Throwable> failures = new LinkedHashMap<>();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        Map<String, RuntimeException> unknownTopics = new HashMap<>();
        try (Producer<String, String> producer = producers.createProducer()) {
            for (List<OutboxRow> round = plan.nextRound(); !round.isEmpty(); round = plan.nextRound()) {
                Map<OutboxRow, CompletableFuture<RecordMetadata>> inFlight = new LinkedHashMap<>();
                for (OutboxRow row : round) {
                    RuntimeException known = unknownTopics.get(row.topic());
                    if (known != null || !running) {
                        failures.put(row, known != null ? known : new IllegalStateException("relay stopping"));
                        plan.failed(row);
                        continue;
                    }
                    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
                    try {
                        producer.send(record(row), (metadata, error) -> {
                            if (error != null) {
                                acked.completeExceptionally(error);
                            } else {
                                acked.complete(metadata);
                            }
                        });
                        // no metadata for the topic within max.block.ms comes back through the callback at once
                        Throwable early = acked.isCompletedExceptionally() ? acked.handle((v, e) -> e).getNow(null) : null;
                        if (early instanceof org.apache.kafka.common.errors.TimeoutException timeout) {
                            metadataTimeout(row, timeout, unknownTopics, failures);
                            plan.failed(row);
                            continue;
                        }
                        inFlight.put(row, acked);
                    } catch (org.apache.kafka.common.errors.TimeoutException e) {
                        metadataTimeout(row, e, unknownTopics, failures);
                        plan.failed(row);
                    } catch (RuntimeException e) {
                        failures.put(row, e);
                        plan.failed(row);
                    }
                }
                producer.flush();
                for (Map.Entry<OutboxRow, CompletableFuture<RecordMetadata>> sent : inFlight.entrySet()) {
                    try {
                        long left = running ? deadline - System.nanoTime() : Math.min(deadline - System.nanoTime(), 1_000_000_000L);
                        sent.getValue().get(Math.max(1, left), TimeUnit.NANOSECONDS);
                        published.add(sent.getKey());
                    } catch (ExecutionException e) {
                        failures.put(sent.getKey(), e.getCause());
                        plan.failed(sent.getKey());
                    } catch (TimeoutException e) {
                        failures.put(sent.getKey(), e);
                        plan.failed(sent.getKey());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failures.put(sent.getKey(), e);
                        plan.failed(sent.getKey());
                    }
                }
            }
            return new SendOutcome(published, failures);
        }
    }

    /**
     * No metadata for a row's topic: the topic does not exist (the row's fault, counted towards parking), or the
     * broker is unreachable or recovering (nobody's fault, retried). Either way the poll does not wait for that topic
     * again; other topics go on.
     */
    private void metadataTimeout(OutboxRow row, RuntimeException timeout, Map<String, RuntimeException> slowTopics,
                                 Map<OutboxRow, Throwable> failures) {
        RuntimeException failure = topicMissing(row.topic()) ? new TopicNotFound(row.topic(), timeout) : timeout;
        slowTopics.put(row.topic(), failure);
        failures.put(row, failure);
    }

    /**
     * Whether the broker answers that this topic does not exist (then a metadata timeout is the row's fault). A
     * broker that does not answer, or knows the topic, is not the row's fault: the row is retried, never parked.
     */
    private boolean topicMissing(String topic) {
        try {
            // the broker lists its topics: then, and only then, do we know the topic is missing
            return !admin().listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException e) {
            log.debug("Outbox relay {} could not list the broker's topics: {}", name, e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException | RuntimeException e) {
            log.debug("Outbox relay {} could not list the broker's topics: {}", name, e.toString());
            return false;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            producers.getConfigurationProperties().forEach((key, value) -> {
                if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                        || key.startsWith("sasl.") || key.startsWith("ssl.") || key.equals("client.dns.lookup")) {
                    config.put(key, value);
                }
            });
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-relay-admin-" + name);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
            admin = Admin.create(config);
        }
        return admin;
    }

    /** The topic of a row does not exist on the broker (auto-creation is off): an operator must create it. */
    static final class TopicNotFound extends RuntimeException {
        TopicNotFound(String topic, Throwable cause) {
            super("topic " + topic + " does not exist on the broker (" + cause.getMessage() + ")", cause);
        }
    }

    /** Errors that no retry can fix: the row is parked at once. */
    private static boolean permanent(Throwable error) {
        return error instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || error instanceof org.apache.kafka.common.errors.InvalidTopicException
                || error instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                || error instanceof org.apache.kafka.common.errors.SerializationException;
    }

    private ProducerRecord<String, String> record(OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        row.headers().forEach((key, value) -> headers.add(key, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(row.topic(), null, row.key(), row.payload(), headers);
    }

    private Mono<Void> record(SendOutcome outcome) {
        Mono<Void> markPublished = outcome.published().isEmpty() ? Mono.empty()
                : db.sql(MARK_PUBLISHED)
                        .bind("ids", outcome.published().stream().map(OutboxRow::id).toArray(UUID[]::new))
                        .fetch().rowsUpdated().then();
        Mono<Void> markFailed = outcome.failures().isEmpty() ? Mono.empty() : markFailed(outcome.failures());
        return markPublished.then(markFailed).doOnSuccess(done -> count(outcome));
    }

    /**
     * Records failed sends with back-off. A row is parked (an operator lists, retries or discards it) when its error is
     * permanent (too large, invalid topic), or after {@code maxAttempts} failures because the broker said its topic
     * does not exist. Any other failure (broker down, restarting, slow) is retried without end and never parks.
     */
    private Mono<Void> markFailed(Map<OutboxRow, Throwable> failures) {
        List<OutboxRow> rows = List.copyOf(failures.keySet());
        UUID[] ids = rows.stream().map(OutboxRow::id).toArray(UUID[]::new);
        Long[] delays = rows.stream().map(row -> settings.backoff().delayAfter(row.attempts() + 1).toMillis()).toArray(Long[]::new);
        String[] errors = rows.stream().map(row -> describe(failures.get(row))).toArray(String[]::new);
        Boolean[] park = rows.stream().map(row -> {
            Throwable error = failures.get(row);
            return permanent(error) || (error instanceof TopicNotFound && row.attempts() + 1 >= settings.maxAttempts());
        }).toArray(Boolean[]::new);
        for (int i = 0; i < rows.size(); i++) {
            if (park[i]) {
                metrics.outboxParked(rows.get(i).topic());
                log.error("Outbox relay {} parked row {} (topic {}, key {}) after {} attempt(s): {}; later rows of its key "
                                + "wait until an operator retries or discards it", name, rows.get(i).id(), rows.get(i).topic(),
                        rows.get(i).key(), rows.get(i).attempts() + 1, errors[i]);
            }
        }
        log.warn("Outbox relay {}: {} row(s) not published, retrying with back-off; first error: {}", name, rows.size(), errors[0]);
        return db.sql(MARK_FAILED)
                .bind("ids", ids)
                .bind("delays", delays)
                .bind("errors", errors)
                .bind("park", park)
                .fetch().rowsUpdated().then();
    }

    private void count(SendOutcome outcome) {
        Map<String, Integer> perTopic = new HashMap<>();
        outcome.published().forEach(row -> perTopic.merge(row.topic(), 1, Integer::sum));
        perTopic.forEach(metrics::published);
        outcome.failures().keySet().forEach(row -> metrics.publishFailed(row.topic()));
    }

    private void refreshBacklog() {
        try {
            db.sql(BACKLOG)
                    .map((row, meta) -> new long[]{row.get("pending", Long.class), row.get("oldest_ms", Long.class),
                            row.get("parked", Long.class), row.get("dead_lettered", Long.class), row.get("parked_events", Long.class)})
                    .one()
                    .doOnNext(values -> {
                        metrics.backlog(values[0], values[1]);
                        metrics.parked(values[2], values[3], values[4]);
                    })
                    .block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.debug("Outbox relay {} could not read the backlog: {}", name, e.toString());
        }
    }

    /** Deletes published rows older than the retention, in chunks; returns how many (runs on schedule by itself). */
    public long purgePublished() {
        long total = 0;
        try {
            long deleted;
            do {
                deleted = db.sql(PURGE)
                        .bind("retentionMs", settings.retention().toMillis())
                        .bind("limit", PURGE_CHUNK)
                        .fetch().rowsUpdated()
                        .blockOptional(Duration.ofMinutes(1)).orElse(0L);
                total += deleted;
            } while (deleted == PURGE_CHUNK);
            if (total > 0) {
                metrics.purged(total);
                log.info("Outbox relay {} purged {} published row(s) older than {}", name, total, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay {} could not purge published rows: {}", name, e.toString());
        }
        return total;
    }

    private void pauseUntilWokenUp(Duration pause) {
        if (wakeRequested.getAndSet(false)) {
            return;
        }
        LockSupport.parkNanos(this, pause.toNanos());
        wakeRequested.set(false);
    }

    private static String describe(Throwable error) {
        String text = error.getClass().getName() + (error.getMessage() != null ? ": " + error.getMessage() : "");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    /** Timing and size settings of a relay. */
    public record Settings(Duration pollInterval, int batchSize, RetryBackoff backoff, Duration retention,
                           Duration purgeInterval, Duration metricsInterval, Duration sendTimeout, int maxAttempts,
                           Duration shutdownTimeout) {

        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1");
            }
        }

        public static Settings from(MessagingProperties.Relay relay) {
            return new Settings(relay.getPollInterval(), relay.getBatchSize(),
                    new RetryBackoff(relay.getInitialBackoff(), relay.getBackoffMultiplier(), relay.getMaxBackoff()),
                    relay.getRetention(), relay.getPurgeInterval(), relay.getMetricsInterval(), relay.getSendTimeout(),
                    relay.getMaxAttempts(), relay.getShutdownTimeout());
        }

        /** Longest a poll may take before it is abandoned (and its transaction rolled back). */
        Duration passTimeout() {
            return sendTimeout.multipliedBy(3).plusMinutes(1);
        }
    }

    /** What one poll did. */
    record Pass(int locked, int published, int failed, int batchSize) {

        static final Pass EMPTY = new Pass(0, 0, 0, 1);

        /** A full batch went out: there may be more waiting, poll again at once. */
        boolean mayHaveMore() {
            return locked == batchSize && published > 0;
        }

        /** Nothing went out and something failed: the broker is likely down, back off. */
        boolean allFailed() {
            return failed > 0 && published == 0;
        }
    }

    private record SendOutcome(List<OutboxRow> published, Map<OutboxRow, Throwable> failures) {
    }
}
