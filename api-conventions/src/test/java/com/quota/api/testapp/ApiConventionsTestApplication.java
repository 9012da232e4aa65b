package com.quota.api.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A tiny service secured like the real ones (resource-server-support) that uses every API convention. */
@SpringBootApplication
public class ApiConventionsTestApplication {

    /**
     * 2026-03-31T17:30Z: already 2026-04-01 in Asia/Shanghai, so "today" shows the company zone is used.
     * The kit's own Clock bean backs off for this one.
     */
    public static final Instant NOW = Instant.parse("2026-03-31T17:30:00Z");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }
}
