package com.quota.gateway.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {

    private static final String W3C_EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void validTraceparentKeepsTraceIdAndFlagsWithANewSpan() {
        TraceContext trace = TraceContext.continueOrStart(W3C_EXAMPLE);
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        assertThat(trace.traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
    }

    @Test
    void missingOrMalformedTraceparentStartsANewSampledTrace() {
        for (String header : new String[] {null, "", "garbage", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}) {
            TraceContext trace = TraceContext.continueOrStart(header);
            assertThat(trace.traceparent()).as(String.valueOf(header)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(trace.traceId()).isNotEqualTo("0".repeat(32));
        }
    }

    @Test
    void saneRequestIdIsKeptAndAnythingElseReplaced() {
        assertThat(TraceContext.requestIdOrNew("req-123_a.b:c")).isEqualTo("req-123_a.b:c");
        assertThat(TraceContext.requestIdOrNew("evil\r\nSet-Cookie: x")).matches("[0-9a-f-]{36}");
        assertThat(TraceContext.requestIdOrNew("x".repeat(129))).matches("[0-9a-f-]{36}");
        assertThat(TraceContext.requestIdOrNew(null)).matches("[0-9a-f-]{36}");
    }
}
