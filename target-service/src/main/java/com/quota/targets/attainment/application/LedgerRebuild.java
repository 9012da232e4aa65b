package com.quota.targets.attainment.application;

import com.quota.targets.attainment.InvalidCreditException;
import com.quota.targets.attainment.SourceEvent;
import com.quota.targets.attainment.integration.inbound.SourceTopicReplay;
import com.quota.targets.attainment.persistence.RebuildStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the ledger from the source topics into an empty scratch schema and compares every figure with the live
 * one: the topics are read from offset 0 (no consumer group, so no inbox or committed offset skips anything), each
 * poll is credited by the live code with {@code search_path} set to the scratch schema (and no AttainmentChanged),
 * then every counter and every source event's lines are compared. One rebuild at a time per instance.
 */
@Service
public class LedgerRebuild {

    private final SourceTopicReplay topics;
    private final AttainmentLedger ledger;
    private final RebuildStore store;
    private final TransactionalOperator tx;
    private final AtomicBoolean running = new AtomicBoolean();

    public LedgerRebuild(SourceTopicReplay topics, AttainmentLedger ledger, RebuildStore store, TransactionalOperator tx) {
        this.topics = topics;
        this.ledger = ledger;
        this.store = store;
        this.tx = tx;
    }

    /** A step of the rebuild, for its progress stream; the last one carries the comparison. */
    public record Progress(String phase, String topic, long read, long total, long invalid, String detail,
                           RebuildStore.Comparison comparison) {
    }

    /** Runs the rebuild, emitting its progress; fails at once when one is running already. */
    public Flux<Progress> run() {
        if (!running.compareAndSet(false, true)) {
            return Flux.error(new IllegalStateException("a rebuild is running already"));
        }
        Flux<Progress> replay = Flux.create((FluxSink<Progress> sink) -> {
            try {
                store.prepareScratch().block();
                sink.next(new Progress("prepared", null, 0, 0, 0, "empty scratch schema " + RebuildStore.SCHEMA, null));
                for (String topic : SourceTopicReplay.SOURCES.keySet().stream().sorted().toList()) {
                    long[] invalid = {0};
                    topics.replay(topic, batch -> {
                        invalid[0] += batch.invalid().size() + credit(batch.events());
                        sink.next(new Progress("replaying", topic, batch.read(), batch.total(), invalid[0], null, null));
                    });
                }
                sink.next(new Progress("comparing", null, 0, 0, 0, null, null));
                RebuildStore.Comparison comparison = store.compare().block();
                sink.next(new Progress(comparison.identical() ? "identical" : "different", null, 0, 0, 0,
                        comparison.identical() ? "every counter and every source event's lines equal the live ones"
                                : "see the differences", comparison));
                sink.complete();
            } catch (RuntimeException e) {
                sink.error(e);
            }
        });
        return replay.subscribeOn(Schedulers.boundedElastic()).doFinally(signal -> running.set(false));
    }

    /** Credits a poll in one transaction on the scratch schema; an event that cannot be credited is skipped (counted). */
    private int credit(List<SourceEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            inScratch(events).block();
            return 0;
        } catch (InvalidCreditException e) {
            // as the live consumer dead-letters it: find it, credit the others
            int skipped = 0;
            for (SourceEvent event : events) {
                try {
                    inScratch(List.of(event)).block();
                } catch (InvalidCreditException invalid) {
                    skipped++;
                }
            }
            return skipped;
        }
    }

    private Mono<Void> inScratch(List<SourceEvent> events) {
        return tx.transactional(store.useScratch().then(ledger.creditAll(events, false)));
    }
}
