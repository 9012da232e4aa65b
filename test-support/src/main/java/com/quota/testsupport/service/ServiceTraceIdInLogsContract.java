package com.quota.testsupport.service;

import com.quota.testsupport.logs.LogLines;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's trace id, sampled or not, is in the log line the service writes inside the request's reactive chain
 * (the security chain's 403 line, not an access log) and in the traceparent of the event the request wrote. Needs the
 * service's test-only outbox probe, as {@link ServiceTracePropagationContract} does.
 */
public interface ServiceTraceIdInLogsContract extends RunningService {

    @ParameterizedTest(name = "sampled flag {0}")
    @ValueSource(strings = {"01", "00"})
    default void theRefusalLineCarriesTheIncomingTraceId(String flags) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (LogLines logs = new LogLines()) {
            client().get().uri("/actuator/metrics")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
                    .exchange()
                    .expectStatus().isForbidden();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<LogLines.Line> written = logs.containing("403 GET /actuator/metrics for ");
                assertThat(written).as("the 403 line").isNotEmpty();
                assertThat(written).allSatisfy(line -> assertThat(line.traceId()).as("%s", line).isEqualTo(traceId));
            });
        }
    }

    @ParameterizedTest(name = "sampled flag {0}")
    @ValueSource(strings = {"01", "00"})
    default void theEventWrittenInTheRequestCarriesItsTraceId(String flags, @Autowired DatabaseClient db) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID aggregateId = UUID.randomUUID();
        client().post().uri("/probe/outbox/{id}", aggregateId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
                .exchange()
                .expectStatus().isAccepted();

        String traceparent = db.sql("select headers ->> 'traceparent' from outbox_event where aggregate_id = :id")
                .bind("id", aggregateId.toString()).map(row -> row.get(0, String.class)).one().block();
        assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-" + flags);
    }
}
