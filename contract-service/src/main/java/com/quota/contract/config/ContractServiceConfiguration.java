package com.quota.contract.config;

import com.quota.contract.usecases.CompanyFacts;
import com.quota.contract.usecases.ContractSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;

/** Wiring of contract-service: settings, the clock and the transactional operator its use cases run in. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ContractSettings.class, CompanyFacts.class})
class ContractServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactions) {
        return TransactionalOperator.create(transactions);
    }
}
