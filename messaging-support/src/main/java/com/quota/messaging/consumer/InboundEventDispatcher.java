package com.quota.messaging.consumer;

import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.inbox.Inbox;
import com.quota.messaging.outbox.TraceparentSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The listener of one consumer. A poll's records are applied in one database transaction: read each envelope, park
 * the events of keys that wait behind a dead-lettered event, record the rest in the inbox with one insert, then apply
 * the new ones in offset order, each through its {@link EventHandler} or, a run of them at a time, through its
 * {@link EventBatchHandler}. Event types nobody handles are counted as skipped.
 * <ul>
 *   <li>A transient failure (database down or restarting, deadlock, serialization failure, pool or handler timeout)
 *       retries the whole poll with back-off, for as long as it takes; meanwhile the consumer's partitions are paused
 *       and it keeps polling, so the group never rebalances. Nothing is dead-lettered.</li>
 *   <li>A failure of one event (poison, or a handler error) commits the events before it and reports it to the error
 *       handler, which dead-letters it (poison at once, others after bounded retries) and parks its key.</li>
 * </ul>
 */
final class InboundEventDispatcher implements BatchConsumerAwareMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InboundEventDispatcher.class);
    /** Marks "the failing event is not known" (the inbox insert, the commit or a batch handler failed). */
    private static final int UNKNOWN = -1;
    /** The event type a skipped tombstone is counted under. */
    static final String TOMBSTONE = "tombstone";

    private final String consumer;
    private final Map<Route, Target> handlers;
    private final Inbox inbox;
    private final ParkedEvents parked;
    private final MessagingMetrics metrics;
    private final JsonMapper mapper;
    private final Timing timing;
    private volatile BooleanSupplier running = () -> true;

    record Route(String topic, String eventType) {
    }

    /** How an event is applied: alone, or with the neighbouring events of the same batch handler. */
    sealed interface Target permits Single, Batch {
    }

    record Single(Function<InboundEvent, Mono<Void>> handler) implements Target {
    }

    /** One batch handler (shared by the routes of all its event types: identity matters). */
    static final class Batch implements Target {
        final Function<List<InboundEvent>, Mono<Void>> handler;
        final String source;

        Batch(Function<List<InboundEvent>, Mono<Void>> handler, String source) {
            this.handler = handler;
            this.source = source;
        }
    }

    /**
     * @param handlerTimeout  longest one handler call may take (a transient failure when exceeded)
     * @param pollTimeout     longest the transaction of one poll may take; keep it well below max.poll.interval.ms
     * @param retryInitial    first wait after a transient failure; doubles up to retryMax
     */
    record Timing(Duration handlerTimeout, Duration pollTimeout, Duration retryInitial, Duration retryMax) {
    }

    private record Outcome(String topic, String eventType, String result) {
    }

    /** The poll failed for a reason that is not the events': retry it as a whole. */
    static final class TransientFailure extends RuntimeException {
        TransientFailure(Throwable cause) {
            super(cause);
        }
    }

    /** The container stops while the poll still cannot be applied: leave its offsets uncommitted. */
    static final class RetryLater extends RuntimeException {
        RetryLater(Throwable cause) {
            super("consumer stops before the poll could be applied; it will be read again", cause);
        }
    }

    InboundEventDispatcher(String consumer, Map<Route, Target> handlers, Inbox inbox, ParkedEvents parked,
                           MessagingMetrics metrics, JsonMapper mapper, Timing timing) {
        this.consumer = consumer;
        this.handlers = Map.copyOf(handlers);
        this.inbox = inbox;
        this.parked = parked;
        this.metrics = metrics;
        this.mapper = mapper;
        this.timing = timing;
    }

    String consumer() {
        return consumer;
    }

    /** Whether the container of this listener still runs (a transient retry gives up when it stops). */
    void runningWhile(BooleanSupplier running) {
        this.running = running;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> polled, Consumer<?, ?> kafka) {
        List<ConsumerRecord<String, byte[]>> records = withoutTombstones(polled);
        if (records.isEmpty()) {
            return;
        }
        int chunk = records.size();
        for (int attempt = 1; ; attempt++) {
            try {
                applyInChunks(records, chunk);
                if (attempt > 1) {
                    log.info("Consumer {} applied its poll after {} transient failure(s){}", consumer, attempt - 1,
                            chunk < records.size() ? " in transactions of " + chunk + " record(s)" : "");
                }
                return;
            } catch (TransientFailure e) {
                metrics.transientRetry(consumer);
                if (e.getCause() instanceof TimeoutException && chunk > 1) {
                    // the poll does not fit its time limit (a cold database after a restart, a loaded machine): retrying
                    // it whole would time out again and again; halves make progress, and the inbox skips what an
                    // earlier, committed chunk applied
                    chunk = Math.max(1, chunk / 2);
                }
                Duration delay = delay(attempt);
                log.warn("Consumer {}: transient failure applying {} record(s) (attempt {}), retrying in {} ms: {}",
                        consumer, records.size(), attempt, delay.toMillis(), ParkedEvents.describe(e.getCause()));
                waitPolling(kafka, delay, e.getCause());
            }
        }
    }

    /**
     * A record without a value is a compaction tombstone (e.g. on a compacted org topic), not an event: it is skipped
     * and counted, never dead-lettered (which would park every later event of its key).
     */
    private List<ConsumerRecord<String, byte[]>> withoutTombstones(List<ConsumerRecord<String, byte[]>> polled) {
        List<ConsumerRecord<String, byte[]>> records = null;
        for (int i = 0; i < polled.size(); i++) {
            ConsumerRecord<String, byte[]> record = polled.get(i);
            if (record.value() != null) {
                if (records != null) {
                    records.add(record);
                }
                continue;
            }
            if (records == null) {
                records = new ArrayList<>(polled.subList(0, i));
            }
            metrics.consumed(consumer, record.topic(), TOMBSTONE, "skipped", 1);
        }
        return records == null ? polled : records;
    }

    private Duration delay(int attempt) {
        long initial = timing.retryInitial().toMillis();
        double millis = initial * Math.pow(2, Math.min(attempt - 1, 30));
        return Duration.ofMillis((long) Math.min(millis, timing.retryMax().toMillis()));
    }

    /**
     * Waits with the consumer's partitions paused, polling now and then so the broker keeps it in the group (no
     * max.poll.interval.ms overrun, no rebalance storm).
     */
    private void waitPolling(Consumer<?, ?> kafka, Duration delay, Throwable cause) {
        Set<TopicPartition> paused = new HashSet<>(kafka.assignment());
        paused.removeAll(kafka.paused());
        kafka.pause(paused);
        try {
            long until = System.nanoTime() + delay.toNanos();
            while (System.nanoTime() < until) {
                if (!running.getAsBoolean()) {
                    throw new RetryLater(cause);
                }
                ConsumerRecords<?, ?> unexpected = kafka.poll(Duration.ofMillis(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000))));
                // a partition assigned by a rebalance during this poll is not paused: read it again later
                for (TopicPartition partition : unexpected.partitions()) {
                    kafka.seek(partition, unexpected.records(partition).get(0).offset());
                }
            }
        } finally {
            Set<TopicPartition> stillAssigned = new HashSet<>(paused);
            stillAssigned.retainAll(kafka.assignment());
            kafka.resume(stillAssigned);
        }
    }

    /** The records in order, {@code chunk} at a time, each chunk in one transaction (the whole poll in one by default). */
    private void applyInChunks(List<ConsumerRecord<String, byte[]>> records, int chunk) {
        for (int from = 0; from < records.size(); from += chunk) {
            applyInOneTransaction(records.subList(from, Math.min(records.size(), from + chunk)));
        }
    }

    private void applyInOneTransaction(List<ConsumerRecord<String, byte[]>> records) {
        List<InboundEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(InboundEvent.from(records.get(i), mapper));
            } catch (InvalidEventException e) {
                applyPrefix(records, events, i);
                throw new BatchListenerFailedException(describe(e), e, records.get(i));
            }
        }
        AtomicInteger current = new AtomicInteger(UNKNOWN);
        List<Outcome> outcomes;
        try {
            outcomes = inbox.inOneTransaction(applyAll(events, current, false))
                    .timeout(timing.pollTimeout())
                    .block();
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            if (isTransient(cause)) {
                throw new TransientFailure(cause);
            }
            int failed = current.get();
            if (failed == UNKNOWN) {
                applyOneByOne(records, events);
                return;
            }
            applyPrefix(records, events, failed);
            throw new BatchListenerFailedException(describe(cause), cause, records.get(failed));
        }
        count(outcomes);
    }

    /** The events before a failed one were rolled back with it: apply them again, without it. */
    private void applyPrefix(List<ConsumerRecord<String, byte[]>> records, List<InboundEvent> events, int failed) {
        if (failed > 0) {
            List<InboundEvent> prefix = events.subList(0, Math.min(failed, events.size()));
            try {
                count(inbox.inOneTransaction(applyAll(prefix, new AtomicInteger(UNKNOWN), false))
                        .timeout(timing.pollTimeout()).block());
            } catch (RuntimeException e) {
                Throwable cause = Exceptions.unwrap(e);
                if (isTransient(cause)) {
                    throw new TransientFailure(cause);
                }
                // the prefix applied before; failing now means one of them fails after all: find it
                applyOneByOne(records.subList(0, prefix.size()), prefix);
            }
        }
    }

    private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records, List<InboundEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                count(inbox.inOneTransaction(applyAll(List.of(events.get(i)), new AtomicInteger(UNKNOWN), false))
                        .timeout(timing.pollTimeout()).block());
            } catch (RuntimeException e) {
                Throwable cause = Exceptions.unwrap(e);
                if (isTransient(cause)) {
                    throw new TransientFailure(cause);
                }
                throw new BatchListenerFailedException(describe(cause), cause, records.get(i));
            }
        }
    }

    /**
     * Transient when the error says so, or when the database does not answer right now (whatever the error looked
     * like: a dying server produces errors of every kind). Poison is never transient.
     */
    private boolean isTransient(Throwable cause) {
        if (Failures.isPoison(cause)) {
            return false;
        }
        if (Failures.isTransient(cause)) {
            return true;
        }
        try {
            return !Boolean.TRUE.equals(inbox.answers().block(timing.handlerTimeout()));
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Applies events of a redrive (the key's lock is held by the caller) in the caller's transaction: inbox insert
     * and handlers, no parking. Fails with the first event's error.
     */
    Mono<Void> applyRedriven(List<InboundEvent> events) {
        return applyAll(events, new AtomicInteger(UNKNOWN), true).doOnNext(this::count).then();
    }

    /** In the caller's transaction: park what waits, one inbox insert for the rest, then each new event's effect. */
    private Mono<List<Outcome>> applyAll(List<InboundEvent> events, AtomicInteger current, boolean redrive) {
        Set<String> keys = new LinkedHashSet<>();
        for (InboundEvent event : events) {
            if (event.key() != null && handler(event) != null) {
                keys.add(event.key());
            }
        }
        Mono<Set<String>> parkedKeys = redrive ? Mono.just(Set.of()) : parked.lockParkedKeys(consumer, keys);
        return parkedKeys.flatMap(parkedNow -> {
            List<InboundEvent> toPark = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (InboundEvent event : events) {
                if (handler(event) == null) {
                    continue;
                }
                if (event.key() != null && parkedNow.contains(event.key())) {
                    toPark.add(event);
                } else {
                    ids.add(event.eventId());
                    types.add(event.eventType());
                }
            }
            Mono<Void> parking = toPark.isEmpty() ? Mono.empty() : parked.park(consumer, toPark);
            return parking.then(inbox.recordNew(consumer, ids, types))
                    .flatMap(newIds -> applyNew(events, parkedNow, newIds, current));
        });
    }

    private Mono<List<Outcome>> applyNew(List<InboundEvent> events, Set<String> parkedKeys, Set<UUID> newIds,
                                         AtomicInteger current) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<Mono<Void>> steps = new ArrayList<>();
        Set<UUID> applied = new HashSet<>();
        int i = 0;
        while (i < events.size()) {
            InboundEvent event = events.get(i);
            Target target = handler(event);
            if (target == null) {
                outcomes.add(new Outcome(event.topic(), event.eventType(), "skipped"));
                i++;
                continue;
            }
            if (event.key() != null && parkedKeys.contains(event.key())) {
                outcomes.add(new Outcome(event.topic(), event.eventType(), "parked"));
                i++;
                continue;
            }
            if (!newIds.contains(event.eventId()) || !applied.add(event.eventId())) {
                outcomes.add(new Outcome(event.topic(), event.eventType(), "duplicate"));
                i++;
                continue;
            }
            if (target instanceof Single single) {
                int index = i;
                outcomes.add(new Outcome(event.topic(), event.eventType(), "applied"));
                steps.add(Mono.defer(() -> {
                    current.set(index);
                    return single.handler().apply(event);
                }).timeout(timing.handlerTimeout()).contextWrite(traceOf(event)));
                i++;
                continue;
            }
            // a run of new events for the same batch handler: one call
            Batch batch = (Batch) target;
            List<InboundEvent> run = new ArrayList<>();
            run.add(event);
            outcomes.add(new Outcome(event.topic(), event.eventType(), "applied"));
            i++;
            while (i < events.size()) {
                InboundEvent next = events.get(i);
                Target nextTarget = handler(next);
                if (nextTarget == null) {
                    outcomes.add(new Outcome(next.topic(), next.eventType(), "skipped"));
                    i++;
                } else if (next.key() != null && parkedKeys.contains(next.key())) {
                    outcomes.add(new Outcome(next.topic(), next.eventType(), "parked"));
                    i++;
                } else if (!newIds.contains(next.eventId()) || applied.contains(next.eventId())) {
                    outcomes.add(new Outcome(next.topic(), next.eventType(), "duplicate"));
                    i++;
                } else if (nextTarget == batch) {
                    applied.add(next.eventId());
                    run.add(next);
                    outcomes.add(new Outcome(next.topic(), next.eventType(), "applied"));
                    i++;
                } else {
                    break;
                }
            }
            List<InboundEvent> calls = List.copyOf(run);
            steps.add(Mono.defer(() -> {
                // which of the run failed is not known: the caller applies them one by one to find out
                current.set(calls.size() == 1 ? events.indexOf(calls.get(0)) : UNKNOWN);
                return batch.handler.apply(calls);
            }).timeout(timing.handlerTimeout()).contextWrite(traceOf(calls.get(calls.size() - 1))));
        }
        return Flux.fromIterable(steps).concatMap(Function.identity()).then(Mono.fromSupplier(() -> {
            current.set(UNKNOWN);
            return outcomes;
        }));
    }

    /** Events the handler writes to its own outbox continue the producer's trace. */
    private static Context traceOf(InboundEvent event) {
        return event.traceparent() != null ? Context.of(TraceparentSource.CONTEXT_KEY, event.traceparent()) : Context.empty();
    }

    private Target handler(InboundEvent event) {
        return handlers.get(new Route(event.topic(), event.eventType()));
    }

    private void count(List<Outcome> outcomes) {
        if (outcomes == null) {
            return;
        }
        Map<Outcome, Integer> counts = new HashMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        counts.forEach((outcome, n) -> metrics.consumed(consumer, outcome.topic(), outcome.eventType(), outcome.result(), n));
    }

    private static String describe(Throwable error) {
        return Objects.requireNonNullElse(error.getMessage(), error.getClass().getName());
    }
}
