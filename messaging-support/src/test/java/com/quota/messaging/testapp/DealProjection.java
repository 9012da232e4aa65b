package com.quota.messaging.testapp;

import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.UUID;

/** The consumer: applies each DealRecorded to deal_effect, through the inbox. */
@Component
public class DealProjection {

    /** The consumer's own view of the event (not the producer's class). */
    record DealView(UUID dealId, String accountId, int seq, BigDecimal amount, String behaviour) {
    }

    private final DatabaseClient db;
    private final ConsumptionProbe probe;

    public DealProjection(DatabaseClient db, ConsumptionProbe probe) {
        this.db = db;
        this.probe = probe;
    }

    @EventHandler(topic = TestMessagingApplication.TOPIC, eventType = TestMessagingApplication.DEAL_RECORDED,
            consumer = TestMessagingApplication.CONSUMER)
    Mono<Void> project(InboundEvent event) {
        DealView deal = event.payloadAs(DealView.class);
        if (DealRecorded.FAIL_IN_CONSUMER.equals(deal.behaviour())) {
            probe.attempted(event.eventId());
            return Mono.error(new IllegalStateException("the projection store rejects deal " + deal.dealId()));
        }
        if (DealRecorded.INVALID_UNTIL_FIXED.equals(deal.behaviour()) && !probe.isFixed(deal.dealId())) {
            probe.attempted(event.eventId());
            return Mono.error(new InvalidEventException("deal " + deal.dealId() + " breaks the projection's rules"));
        }
        long delay = probe.delayPerEventMillis();
        Mono<Void> slow = delay > 0 ? Mono.delay(java.time.Duration.ofMillis(delay)).then() : Mono.empty();
        return slow.then(db.sql("INSERT INTO deal_effect (event_id, deal_id, account_id, seq) VALUES (:eventId, :dealId, :account, :seq)")
                .bind("eventId", event.eventId())
                .bind("dealId", deal.dealId())
                .bind("account", deal.accountId())
                .bind("seq", deal.seq())
                .fetch().rowsUpdated())
                .then(TransactionSynchronizationManager.forCurrentTransaction())
                // observed when it commits (the consumer commits a poll's events together)
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> probe.applied(deal.dealId()));
                    }
                }))
                .then();
    }
}
