package com.quota.messaging.testapp;

import com.quota.messaging.consumer.EventBatchHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** A batch consumer of the batch topic: a poll's new deals in one call, two statements for all of them. */
@Component
public class DealBatchProjection {

    record DealView(UUID dealId, String accountId, int seq, String behaviour) {
    }

    private final DatabaseClient db;

    public DealBatchProjection(DatabaseClient db) {
        this.db = db;
    }

    @EventBatchHandler(topic = TestMessagingApplication.BATCH_TOPIC, eventTypes = TestMessagingApplication.DEAL_RECORDED,
            consumer = TestMessagingApplication.BATCH_CONSUMER)
    Mono<Void> projectAll(List<InboundEvent> events) {
        List<DealView> deals = events.stream().map(event -> event.payloadAs(DealView.class)).toList();
        for (DealView deal : deals) {
            if (DealRecorded.INVALID_UNTIL_FIXED.equals(deal.behaviour())) {
                return Mono.error(new InvalidEventException("deal " + deal.dealId() + " breaks the batch projection's rules"));
            }
        }
        return db.sql("""
                        INSERT INTO deal_batch_effect (event_id, deal_id, account_id, seq, call_size)
                        SELECT e, d, a, s, :size
                        FROM unnest(CAST(:events AS uuid[]), CAST(:deals AS uuid[]), CAST(:accounts AS text[]), CAST(:seqs AS int[]))
                             WITH ORDINALITY AS t(e, d, a, s, n)
                        ORDER BY n
                        """)
                .bind("size", events.size())
                .bind("events", events.stream().map(InboundEvent::eventId).toArray(UUID[]::new))
                .bind("deals", deals.stream().map(DealView::dealId).toArray(UUID[]::new))
                .bind("accounts", deals.stream().map(DealView::accountId).toArray(String[]::new))
                .bind("seqs", deals.stream().map(DealView::seq).toArray(Integer[]::new))
                .fetch().rowsUpdated()
                .then();
    }
}
