package com.quota.targets.attainment.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily pace evaluation (pace falls as days pass without events). It checks every hour and runs once per company
 * day, on whichever instance claims the day first ({@link PaceEvaluation#runDaily}), so several instances, a restart
 * or a missed hour never alert twice or skip a day. The first check comes an hour after start.
 */
@Component
@ConditionalOnProperty(name = "quota.attainment.pace.daily-run.enabled", havingValue = "true", matchIfMissing = true)
class DailyPaceJob {

    private static final Logger log = LoggerFactory.getLogger(DailyPaceJob.class);

    private final PaceEvaluation pace;
    private final CompanyCalendar company;

    DailyPaceJob(PaceEvaluation pace, CompanyCalendar company) {
        this.pace = pace;
        this.company = company;
    }

    @Scheduled(fixedDelayString = "${quota.attainment.pace.daily-run.check-interval:PT1H}",
            initialDelayString = "${quota.attainment.pace.daily-run.initial-delay:PT1H}")
    void runToday() {
        pace.runDaily(company.today())
                .doOnNext(o -> log.info("Daily pace evaluation for {}: {} judged, {} behind pace, {} back on pace",
                        company.today(), o.judged(), o.behindPace(), o.backOnPace()))
                .block();
    }
}
