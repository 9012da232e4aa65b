package com.quota.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backbone's meters (names under {@code quota.messaging.*}); Prometheus shows them with underscores. Counters are
 * looked up once per tag combination and kept (the hot path of a consumer increments without a registry lookup).
 */
public final class MessagingMetrics {

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final AtomicLong relayParked = new AtomicLong();
    private final AtomicLong consumerDeadLettered = new AtomicLong();
    private final AtomicLong consumerParked = new AtomicLong();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("quota.messaging.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published (parked rows excluded)")
                .register(registry);
        Gauge.builder("quota.messaging.outbox.oldest.pending.age", oldestPendingMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("quota.messaging.outbox.parked", relayParked, AtomicLong::get)
                .description("Outbox rows parked after bounded failed attempts (wait for an operator)")
                .register(registry);
        Gauge.builder("quota.messaging.consumer.dead.lettered.open", consumerDeadLettered, AtomicLong::get)
                .description("Dead-lettered events not yet redriven or discarded")
                .register(registry);
        Gauge.builder("quota.messaging.consumer.parked", consumerParked, AtomicLong::get)
                .description("Events parked behind a dead-lettered event of their key")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Updates the backlog gauges from a count of pending rows and the age of the oldest. */
    public void backlog(long pendingRows, long oldestPendingAgeMillis) {
        backlog.set(pendingRows);
        oldestPendingMillis.set(oldestPendingAgeMillis);
    }

    /** Updates the parked gauges: outbox rows parked, consumer events dead-lettered and parked (all unresolved). */
    public void parked(long outboxParked, long deadLettered, long parkedEvents) {
        relayParked.set(outboxParked);
        consumerDeadLettered.set(deadLettered);
        consumerParked.set(parkedEvents);
    }

    public void published(String topic, int count) {
        counter("quota.messaging.outbox.published", "Outbox rows published to Kafka", "topic", topic).increment(count);
    }

    public void publishFailed(String topic) {
        counter("quota.messaging.outbox.publish.failures", "Failed sends of outbox rows (retried later)", "topic", topic).increment();
    }

    public void outboxParked(String topic) {
        counter("quota.messaging.outbox.parked.rows", "Outbox rows parked after bounded attempts", "topic", topic).increment();
    }

    public void purged(long count) {
        counter("quota.messaging.outbox.purged", "Published outbox rows deleted after retention").increment(count);
    }

    public void inboxDuplicate(String consumer) {
        inboxDuplicates(consumer, 1);
    }

    public void inboxDuplicates(String consumer, long count) {
        if (count > 0) {
            counter("quota.messaging.inbox.duplicates", "Events skipped because the inbox had them already", "consumer", consumer).increment(count);
        }
    }

    public void consumed(String consumer, String topic, String eventType, String outcome) {
        consumed(consumer, topic, eventType, outcome, 1);
    }

    public void consumed(String consumer, String topic, String eventType, String outcome, long count) {
        counter("quota.messaging.consumer.events", "Events received, by outcome (applied, duplicate, skipped, parked)",
                "consumer", consumer, "topic", topic, "event.type", eventType, "outcome", outcome).increment(count);
    }

    public void deadLettered(String topic) {
        counter("quota.messaging.consumer.dead.lettered", "Records sent to the dead-letter topic", "topic", topic).increment();
    }

    /** A poll that failed for a transient reason (database down, deadlock, timeout) and is retried as a whole. */
    public void transientRetry(String consumer) {
        counter("quota.messaging.consumer.transient.retries", "Polls retried after a transient failure (never dead-lettered)",
                "consumer", consumer).increment();
    }

    /** Sum of the counters with this name and these tags (tests, diagnostics). */
    public double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> id = new java.util.ArrayList<>(tags.length + 1);
        id.add(name);
        id.addAll(List.of(tags));
        return counters.computeIfAbsent(id, key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
