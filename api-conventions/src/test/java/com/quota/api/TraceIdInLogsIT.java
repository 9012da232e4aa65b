package com.quota.api;

import com.quota.testsupport.logs.LogLines;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's trace id is in the log lines a service's code writes inside the request's reactive chain — in the
 * handler, in a database callback on the driver's thread, and http-problems' 500 line — whether the caller's trace
 * is sampled or not.
 */
class TraceIdInLogsIT extends AbstractApiConventionsIT {

    @ParameterizedTest(name = "{0}, sampled flag {1}")
    @CsvSource({
            "handler,  01, trace probe: in the handler",
            "database, 01, trace probe: after the database",
            "failure,  01, 500 GET /api/trace-probe/failure",
            "handler,  00, trace probe: in the handler",
            "database, 00, trace probe: after the database",
            "failure,  00, 500 GET /api/trace-probe/failure"})
    void theLineWrittenDuringTheRequestCarriesTheIncomingTraceId(String probe, String flags, String line) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (LogLines logs = new LogLines()) {
            client.get().uri("/api/trace-probe/{probe}", probe)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
                    .exchange()
                    .expectStatus().value(status -> assertThat(status).isEqualTo(probe.equals("failure") ? 500 : 200));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<LogLines.Line> written = logs.containing(line);
                assertThat(written).as("lines containing '%s'", line).isNotEmpty();
                assertThat(written).allSatisfy(l -> assertThat(l.traceId()).as("trace id of %s", l).isEqualTo(traceId));
            });
        }
    }
}
