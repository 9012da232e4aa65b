package com.quota.messaging;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrderPerKeyIT extends EmbeddedKafkaTestBase {

    private static final int ACCOUNTS = 4;
    private static final int DEALS_PER_ACCOUNT = 40;

    @Test
    void eachAccountsDealsAreAppliedInTheOrderTheyWereWritten() {
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> newAccount("order")).toList();

        // accounts in parallel, each account's deals one after the other
        Flux.fromIterable(accounts)
                .flatMap(account -> Flux.range(1, DEALS_PER_ACCOUNT)
                        .concatMap(seq -> deals.recordDeal(account, seq, BigDecimal.valueOf(seq))))
                .blockLast(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(60)).until(() -> accounts.stream().allMatch(a -> effectsOfAccount(a) == DEALS_PER_ACCOUNT));
        List<Integer> expected = IntStream.rangeClosed(1, DEALS_PER_ACCOUNT).boxed().toList();
        for (String account : accounts) {
            List<Integer> applied = db.sql("SELECT seq FROM deal_effect WHERE account_id = :account ORDER BY applied_order")
                    .bind("account", account)
                    .map((row, meta) -> row.get("seq", Integer.class))
                    .all().collectList().block();
            assertThat(applied).as("deals of %s in order", account).isEqualTo(expected);
        }
    }
}
