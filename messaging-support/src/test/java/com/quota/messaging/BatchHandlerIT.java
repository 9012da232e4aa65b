package com.quota.messaging;

import com.quota.messaging.testapp.DealRecorded;
import com.quota.messaging.testapp.TestMessagingApplication;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The batch handler form: a poll's new events in one call, in order, once each; a poison event still found alone. */
class BatchHandlerIT extends EmbeddedKafkaTestBase {

    @Test
    void aBatchHandlerAppliesAWholePollInOneCallOnceEachAndInOrder() {
        List<String> accounts = IntStream.range(0, 3).mapToObj(i -> newAccount("batch-" + i)).toList();
        MessageListenerContainer container = consumers.containers().get(TestMessagingApplication.BATCH_CONSUMER);
        container.stop();
        try {
            for (String account : accounts) {
                for (int seq = 1; seq <= 20; seq++) {
                    deals.recordBatchDeal(account, seq, null).block();
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM outbox_event WHERE message_key = ANY(:keys) AND published_at IS NOT NULL",
                    "keys", accounts.toArray(String[]::new)) == 60);
        } finally {
            container.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM deal_batch_effect WHERE account_id = ANY(:keys)", "keys", accounts.toArray(String[]::new)) == 60);
        for (String account : accounts) {
            assertThat(seqs(account)).as("once each, in order").isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
        }
        assertThat(count("SELECT max(call_size) FROM deal_batch_effect WHERE account_id = ANY(:keys)", "keys",
                accounts.toArray(String[]::new))).as("a poll's events arrive in one call").isGreaterThan(1);
    }

    @Test
    void aPoisonEventInABatchIsFoundAloneDeadLetteredAndItsKeyParked() {
        String account = newAccount("batch-poison");
        MessageListenerContainer container = consumers.containers().get(TestMessagingApplication.BATCH_CONSUMER);
        container.stop();
        try {
            deals.recordBatchDeal(account, 1, null).block();
            deals.recordBatchDeal(account, 2, DealRecorded.INVALID_UNTIL_FIXED).block();
            deals.recordBatchDeal(account, 3, null).block();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM outbox_event WHERE message_key = :key AND published_at IS NOT NULL", "key", account) == 3);
        } finally {
            container.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM inbox_parked_event WHERE message_key = :key AND status = 'PARKED'", "key", account) == 1);
        assertThat(seqs(account)).containsExactly(1);
        assertThat(count("SELECT count(*) FROM inbox_parked_event WHERE message_key = :key AND status = 'DEAD_LETTERED' "
                + "AND consumer = '" + TestMessagingApplication.BATCH_CONSUMER + "'", "key", account)).isEqualTo(1);
    }

    private List<Integer> seqs(String account) {
        return db.sql("SELECT seq FROM deal_batch_effect WHERE account_id = :account ORDER BY applied_order")
                .bind("account", account).map((row, meta) -> row.get("seq", Integer.class)).all().collectList().block();
    }
}
