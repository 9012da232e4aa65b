package com.quota.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/** The backbone's meters (names under {@code quota.messaging.*}); Prometheus shows them with underscores. */
public final class MessagingMetrics {

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("quota.messaging.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder("quota.messaging.outbox.oldest.pending.age", oldestPendingMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
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

    public void published(String topic, int count) {
        counter("quota.messaging.outbox.published", "Outbox rows published to Kafka", "topic", topic).increment(count);
    }

    public void publishFailed(String topic) {
        counter("quota.messaging.outbox.publish.failures", "Failed sends of outbox rows (retried later)", "topic", topic).increment();
    }

    public void purged(long count) {
        counter("quota.messaging.outbox.purged", "Published outbox rows deleted after retention").increment(count);
    }

    public void inboxDuplicate(String consumer) {
        counter("quota.messaging.inbox.duplicates", "Events skipped because the inbox had them already", "consumer", consumer).increment();
    }

    public void consumed(String consumer, String topic, String eventType, String outcome) {
        counter("quota.messaging.consumer.events", "Events received, by outcome (applied, duplicate, skipped)",
                "consumer", consumer, "topic", topic, "event.type", eventType, "outcome", outcome).increment();
    }

    public void deadLettered(String topic) {
        counter("quota.messaging.consumer.dead.lettered", "Records sent to the dead-letter topic", "topic", topic).increment();
    }

    /** Sum of the counters with this name and these tags (tests, diagnostics). */
    public double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
