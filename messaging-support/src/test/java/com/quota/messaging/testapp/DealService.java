package com.quota.messaging.testapp;

import com.quota.messaging.outbox.EventIds;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.UUID;

/** The write use case: a deal row and its DealRecorded event, in one transaction. */
@Service
public class DealService {

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    public DealService(DatabaseClient db, OutboxWriter outbox, ReactiveTransactionManager transactions) {
        this.db = db;
        this.outbox = outbox;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Records a deal of an account (the event's aggregate: an account's deals stay in order). */
    public Mono<UUID> recordDeal(String accountId, int seq, BigDecimal amount) {
        return record(accountId, seq, amount, null, false);
    }

    /** Records a deal whose event the consumer will keep failing on. */
    public Mono<UUID> recordDealTheConsumerRejects(String accountId, int seq) {
        return record(accountId, seq, BigDecimal.ONE, DealRecorded.FAIL_IN_CONSUMER, false);
    }

    /** Records a deal with a behaviour the test projection understands (see {@link DealRecorded}). */
    public Mono<UUID> recordDealWithBehaviour(String accountId, int seq, String behaviour) {
        return record(accountId, seq, BigDecimal.ONE, behaviour, false);
    }

    /** Records a deal whose event goes to the batch consumer's topic. */
    public Mono<UUID> recordBatchDeal(String accountId, int seq, String behaviour) {
        UUID dealId = EventIds.newId();
        return tx.transactional(outbox.append(OutboxMessage.of(TestMessagingApplication.BATCH_TOPIC,
                        TestMessagingApplication.DEAL_RECORDED, "1", accountId)
                .payload(new DealRecorded(dealId, accountId, seq, "1.00", behaviour))
                .build()).thenReturn(dealId));
    }

    /** Writes the deal and its event, then a business rule fails: the transaction rolls back. */
    public Mono<UUID> recordDealThenFail(String accountId, int seq, UUID dealId) {
        return record(dealId, accountId, seq, BigDecimal.TEN, null, true);
    }

    private Mono<UUID> record(String accountId, int seq, BigDecimal amount, String behaviour, boolean failAfterWriting) {
        return record(EventIds.newId(), accountId, seq, amount, behaviour, failAfterWriting);
    }

    private Mono<UUID> record(UUID dealId, String accountId, int seq, BigDecimal amount, String behaviour, boolean failAfterWriting) {
        BigDecimal scaled = amount.setScale(2);
        Mono<UUID> work = db.sql("INSERT INTO sales_deal (id, account_id, seq, amount) VALUES (:id, :account, :seq, :amount)")
                .bind("id", dealId)
                .bind("account", accountId)
                .bind("seq", seq)
                .bind("amount", scaled)
                .fetch().rowsUpdated()
                .then(outbox.append(OutboxMessage.of(TestMessagingApplication.TOPIC, TestMessagingApplication.DEAL_RECORDED, "1", accountId)
                        .payload(new DealRecorded(dealId, accountId, seq, scaled.toPlainString(), behaviour))
                        .build()))
                .then(failAfterWriting
                        ? Mono.error(new IllegalStateException("deal " + dealId + " breaks a business rule"))
                        : Mono.just(dealId));
        return tx.transactional(work);
    }
}
