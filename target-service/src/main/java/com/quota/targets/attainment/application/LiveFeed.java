package com.quota.targets.attainment.application;

import com.quota.targets.attainment.LiveEvent;
import com.quota.targets.attainment.persistence.LiveNotifications;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * The committed attainment changes and pace alerts of every instance, as a hot stream for live dashboards. It
 * listens from the moment the service is ready and reconnects when the database connection drops; a subscriber sees
 * what commits after it subscribed (a dashboard loads the figures through the API, then follows the stream).
 */
@Service
public class LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final LiveNotifications notifications;
    private final Sinks.Many<LiveEvent> sink = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    public LiveFeed(LiveNotifications notifications) {
        this.notifications = notifications;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        listening = notifications.listen(() -> sink.currentSubscriberCount() > 0)
                .doOnSubscribe(s -> log.info("Live attainment: listening"))
                .repeat()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(retry -> log.warn("Live attainment: listening again after {}",
                                retry.failure().toString())))
                // nobody listening, or a subscriber too slow: the event is dropped for them (the API has the figures)
                .subscribe(sink::tryEmitNext);
    }

    @PreDestroy
    void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
    }

    /**
     * Every change and alert committed from now on, buffered per subscriber (up to 10,000: a subscriber that falls
     * further behind loses the oldest rather than holding the others up).
     */
    public Flux<LiveEvent> events() {
        return sink.asFlux().onBackpressureBuffer(10_000, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST);
    }
}
