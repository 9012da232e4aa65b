package com.quota.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Puts the trace id and span id of a request's server span into the logging MDC (the keys Micrometer Tracing's
 * log correlation uses) while the gateway writes a line for that request. With {@code spring.reactor.context-propagation:
 * limited} no thread of a request carries its trace context by itself; this costs one lookup per line, where
 * {@code auto} restored the trace context around every reactive signal of every request.
 */
public final class TraceLogging {

    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    private TraceLogging() {
    }

    /** The trace context of the server span Micrometer started for this exchange, if any. */
    public static Optional<TraceContext> traceContextOf(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext)
                        context.get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context);
    }

    /** Runs {@code line} (a log call) with the exchange's trace in the MDC, then puts back what the thread had. */
    public static void withTraceOf(ServerWebExchange exchange, Runnable line) {
        TraceContext trace = traceContextOf(exchange).orElse(null);
        if (trace == null) {
            line.run();
            return;
        }
        String previousTrace = MDC.get(TRACE_ID);
        String previousSpan = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, trace.traceId());
        MDC.put(SPAN_ID, trace.spanId());
        try {
            line.run();
        } finally {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
        }
    }

    /**
     * {@code source}, subscribed with the exchange's trace in the MDC: what runs synchronously on subscription — the
     * security chain once the signing keys are cached (its 401/403 lines), routing, the filters — logs with it.
     * Lines written later on another thread (after the service answered or failed) need {@link #withTraceOf}.
     */
    public static <T> Mono<T> subscribedWithTraceOf(ServerWebExchange exchange, Mono<T> source) {
        return new Mono<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                withTraceOf(exchange, () -> source.subscribe(actual));
            }
        };
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
