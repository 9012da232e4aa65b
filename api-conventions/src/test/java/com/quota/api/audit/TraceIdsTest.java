package com.quota.api.audit;

import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdsTest {

    @Test
    void theTraceIdOfAW3cTraceparent() {
        assertThat(TraceIds.traceIdOf("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.traceIdOf("garbage")).isNull();
        assertThat(TraceIds.traceIdOf("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isNull();
    }

    @Test
    void theReactorContextWinsOverTheTracerWhichWinsOverNothing() {
        TraceIds withTracer = new TraceIds(context -> Optional.of("from-tracer"));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(withTracer.current().contextWrite(Context.of(TraceIds.CONTEXT_KEY, traceparent)).block())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(withTracer.current().block()).isEqualTo("from-tracer");
        assertThat(TraceIds.withoutTracer().current().blockOptional()).isEmpty();
    }
}
