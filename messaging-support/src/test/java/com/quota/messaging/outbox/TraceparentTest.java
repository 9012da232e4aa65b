package com.quota.messaging.outbox;

import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceparentTest {

    @Test
    void generatedValuesAreWellFormedAndDistinct() {
        String a = Traceparent.generate();
        String b = Traceparent.generate();
        assertThat(a).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(Traceparent.isValid(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void shortTraceIdsOfTracersArePaddedTo128Bits() {
        assertThat(Traceparent.of("463ac35c9f6413ad", "a2fb4a1d1a96d312", true))
                .isEqualTo("00-0000000000000000463ac35c9f6413ad-a2fb4a1d1a96d312-01");
        assertThat(Traceparent.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }

    @Test
    void rejectsMalformedAndAllZeroIds() {
        assertThat(Traceparent.isValid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
        assertThat(Traceparent.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
        assertThat(Traceparent.isValid("not-a-trace")).isFalse();
        assertThat(Traceparent.isValid(null)).isFalse();
        assertThatThrownBy(() -> Traceparent.of("xyz", "00f067aa0ba902b7", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourcePrefersTheReactorContextThenTheTracerThenANewTrace() {
        String fromContext = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String fromTracer = "00-0000000000000000463ac35c9f6413ad-a2fb4a1d1a96d312-01";
        TraceparentSource withTracer = new TraceparentSource(() -> Optional.of(fromTracer));

        assertThat(withTracer.current().contextWrite(Context.of(TraceparentSource.CONTEXT_KEY, fromContext)).block())
                .isEqualTo(fromContext);
        assertThat(withTracer.current().block()).isEqualTo(fromTracer);
        assertThat(TraceparentSource.withoutTracer().current().block()).matches(Traceparent::isValid);
        assertThat(withTracer.current().contextWrite(Context.of(TraceparentSource.CONTEXT_KEY, "garbage")).block())
                .as("an invalid value in the context is not copied").isEqualTo(fromTracer);
    }
}
