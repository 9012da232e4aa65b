package com.quota.performance;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's trace id, sampled or not, is in the log line the service writes inside the request's reactive chain
 * (the security chain's 403 line, not an access log) and in the traceparent of the event the request wrote.
 */
class TraceIdInLogsIT extends AbstractPerformanceServiceIT {

    @Autowired
    DatabaseClient db;

    @ParameterizedTest(name = "sampled flag {0}")
    @ValueSource(strings = {"01", "00"})
    void theRefusalLineCarriesTheIncomingTraceId(String flags) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID rep = UUID.randomUUID();
        try (LogLines logs = new LogLines()) {
            client.get().uri("/actuator/metrics")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(rep))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
                    .exchange()
                    .expectStatus().isForbidden();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Line> written = logs.containing("403 GET /actuator/metrics for ");
                assertThat(written).as("the 403 line").isNotEmpty();
                assertThat(written).allSatisfy(line -> assertThat(line.traceId()).as("%s", line).isEqualTo(traceId));
            });
        }
    }

    @ParameterizedTest(name = "sampled flag {0}")
    @ValueSource(strings = {"01", "00"})
    void theEventWrittenInTheRequestCarriesItsTraceId(String flags) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID aggregateId = UUID.randomUUID();
        client.post().uri("/probe/outbox/{id}", aggregateId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
                .exchange()
                .expectStatus().isAccepted();

        String traceparent = db.sql("select headers ->> 'traceparent' from outbox_event where aggregate_id = :id")
                .bind("id", aggregateId.toString()).map(row -> row.get(0, String.class)).one().block();
        assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-" + flags);
    }

    /** One line as written, with the trace id its MDC held then (what the log pattern's %X{traceId} prints). */
    record Line(String logger, String message, String traceId, String thread) {
    }

    /** The log lines written while it is open. */
    static final class LogLines implements AutoCloseable {

        private final List<Line> lines = new CopyOnWriteArrayList<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                // the MDC is read now, on the writing thread: the event would read it lazily on another
                lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(),
                        event.getMDCPropertyMap().get("traceId"), event.getThreadName()));
            }
        };

        LogLines() {
            appender.setContext(root.getLoggerContext());
            appender.start();
            root.addAppender(appender);
        }

        List<Line> containing(String text) {
            return lines.stream().filter(line -> line.message().contains(text)).toList();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
