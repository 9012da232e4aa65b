package com.quota.targets.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** One reactive transaction per use case: the change, its outbox events and its audit entry commit together. */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactions) {
        return TransactionalOperator.create(transactions);
    }
}
