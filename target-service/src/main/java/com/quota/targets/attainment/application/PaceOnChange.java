package com.quota.targets.attainment.application;

import com.quota.targets.attainment.Owner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Judges pace for the owners a credit changed, right after its transaction commits ("evaluated on every change",
 * issue #20). Changes are gathered for up to a second (or 5,000 owners) and judged together in one set-based
 * evaluation off the consumer's thread, so a busy ledger pays one evaluation a second, not one per event. A failed
 * or lost evaluation (e.g. a crash before it ran, or the daily run holding the state locks) is logged, not retried:
 * the daily run judges every owner anyway, and the state rows keep an alert to once per crossing either way.
 */
@Component
public class PaceOnChange implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PaceOnChange.class);
    private static final Duration GATHER = Duration.ofSeconds(1);
    private static final int MAX_OWNERS = 5_000;

    private final Sinks.Many<Owner> changed = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable judging;

    public PaceOnChange(PaceEvaluation pace) {
        judging = changed.asFlux()
                .bufferTimeout(MAX_OWNERS, GATHER)
                .concatMap(owners -> pace.evaluateChanged(new LinkedHashSet<>(owners))
                        .doOnNext(outcome -> {
                            if (outcome.behindPace() + outcome.backOnPace() > 0) {
                                log.info("pace judged after a change: {} owner-periods, {} behind pace, {} back on pace",
                                        outcome.judged(), outcome.behindPace(), outcome.backOnPace());
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("pace not judged after a change of {} owners (the daily run will): {}", owners.size(), e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    /** Owners whose figures a committed transaction changed. */
    public synchronized void changed(Collection<Owner> owners) {
        owners.forEach(owner -> changed.tryEmitNext(owner));
    }

    /** Judges these owners once the current transaction commits; a rolled-back change judges nothing. */
    public Mono<Void> changedOnCommit(Collection<Owner> owners) {
        if (owners.isEmpty()) {
            return Mono.empty();
        }
        List<Owner> committed = List.copyOf(owners);
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        changed(committed);
                        return Mono.empty();
                    }
                })).then();
    }

    @Override
    public void destroy() {
        judging.dispose();
    }
}
