package com.quota.pipeline.account.application;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the customer pool's recycle rule on a schedule; several instances may run it at once (SKIP LOCKED). */
@Component
@ConditionalOnProperty(name = "quota.pipeline.pool.recycle-job.enabled", havingValue = "true", matchIfMissing = true)
class RecycleJob {

    private final AccountUseCases accounts;

    RecycleJob(AccountUseCases accounts) {
        this.accounts = accounts;
    }

    @Scheduled(fixedDelayString = "${quota.pipeline.pool.recycle-job.interval:PT1H}",
            initialDelayString = "${quota.pipeline.pool.recycle-job.initial-delay:PT5M}")
    void recycle() {
        accounts.recycle().block();
    }
}
