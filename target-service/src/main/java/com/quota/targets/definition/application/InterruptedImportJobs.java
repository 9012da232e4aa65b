package com.quota.targets.definition.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A CSV import job whose instance stopped (a restart, a crash) is never left {@code RUNNING}: at start and every minute
 * every instance fails the jobs that stopped beating ({@link TargetImport#failInterruptedJobs}), with the reason. A job
 * still running on another instance keeps beating and is left alone.
 */
@Component
class InterruptedImportJobs {

    private static final Logger log = LoggerFactory.getLogger(InterruptedImportJobs.class);

    private final TargetImport imports;

    InterruptedImportJobs(TargetImport imports) {
        this.imports = imports;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        failInterrupted();
    }

    @Scheduled(fixedDelayString = "${quota.targets.import.job-sweep-interval:PT1M}",
            initialDelayString = "${quota.targets.import.job-sweep-interval:PT1M}")
    void failInterrupted() {
        List<UUID> failed = imports.failInterruptedJobs().collectList().block(Duration.ofMinutes(1));
        if (failed != null && !failed.isEmpty()) {
            log.warn("CSV import jobs interrupted by a stopped instance, marked FAILED: {}", failed);
        }
    }
}
