package com.quota.messaging.bench;

import com.quota.messaging.consumer.EventBatchHandler;
import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Two consumers of the benchmark topic with the same effect (a row per deal and a running total per account, two SQL
 * statements): one per event, one per poll. Only in the benchmark's context.
 */
@Configuration(proxyBeanMethods = false)
public class BenchProjections {

    public static final String TOPIC = "bench.deal.v1";
    public static final String PER_EVENT = "bench-per-event";
    public static final String BATCH = "bench-batch";

    record Deal(UUID dealId, String accountId, int seq, BigDecimal amount) {
    }

    @Bean
    PerEvent perEventProjection(DatabaseClient db) {
        return new PerEvent(db);
    }

    @Bean
    Batch batchProjection(DatabaseClient db) {
        return new Batch(db);
    }

    /** Per event: two statements each. */
    static class PerEvent {
        private final DatabaseClient db;

        PerEvent(DatabaseClient db) {
            this.db = db;
        }

        @EventHandler(topic = TOPIC, eventType = "DealRecorded", consumer = PER_EVENT)
        Mono<Void> apply(InboundEvent event) {
            Deal deal = event.payloadAs(Deal.class);
            return db.sql("INSERT INTO bench_effect (consumer, deal_id, account_id, seq, amount) VALUES ('" + PER_EVENT
                            + "', :deal, :account, :seq, :amount)")
                    .bind("deal", deal.dealId()).bind("account", deal.accountId()).bind("seq", deal.seq())
                    .bind("amount", deal.amount())
                    .fetch().rowsUpdated()
                    .then(db.sql("""
                                    INSERT INTO bench_total (consumer, account_id, total, deals) VALUES ('%s', :account, :amount, 1)
                                    ON CONFLICT (consumer, account_id)
                                    DO UPDATE SET total = bench_total.total + EXCLUDED.total, deals = bench_total.deals + 1
                                    """.formatted(PER_EVENT))
                            .bind("account", deal.accountId()).bind("amount", deal.amount())
                            .fetch().rowsUpdated())
                    .then();
        }
    }

    /** Per poll: the same two statements for all of the poll's new events. */
    static class Batch {
        private final DatabaseClient db;

        Batch(DatabaseClient db) {
            this.db = db;
        }

        @EventBatchHandler(topic = TOPIC, eventTypes = "DealRecorded", consumer = BATCH)
        Mono<Void> apply(List<InboundEvent> events) {
            List<Deal> deals = events.stream().map(event -> event.payloadAs(Deal.class)).toList();
            return db.sql("""
                            INSERT INTO bench_effect (consumer, deal_id, account_id, seq, amount)
                            SELECT '%s', d, a, s, m
                            FROM unnest(CAST(:deals AS uuid[]), CAST(:accounts AS text[]), CAST(:seqs AS int[]), CAST(:amounts AS numeric[]))
                                 AS t(d, a, s, m)
                            """.formatted(BATCH))
                    .bind("deals", deals.stream().map(Deal::dealId).toArray(UUID[]::new))
                    .bind("accounts", deals.stream().map(Deal::accountId).toArray(String[]::new))
                    .bind("seqs", deals.stream().map(Deal::seq).toArray(Integer[]::new))
                    .bind("amounts", deals.stream().map(Deal::amount).toArray(BigDecimal[]::new))
                    .fetch().rowsUpdated()
                    .then(db.sql("""
                                    INSERT INTO bench_total (consumer, account_id, total, deals)
                                    SELECT '%s', a, sum(m), count(*)
                                    FROM unnest(CAST(:accounts AS text[]), CAST(:amounts AS numeric[])) AS t(a, m)
                                    GROUP BY a
                                    ON CONFLICT (consumer, account_id)
                                    DO UPDATE SET total = bench_total.total + EXCLUDED.total, deals = bench_total.deals + EXCLUDED.deals
                                    """.formatted(BATCH))
                            .bind("accounts", deals.stream().map(Deal::accountId).toArray(String[]::new))
                            .bind("amounts", deals.stream().map(Deal::amount).toArray(BigDecimal[]::new))
                            .fetch().rowsUpdated())
                    .then();
        }
    }
}
