package com.quota.messaging.outbox;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an outgoing event's {@code traceparent} comes from: a value the caller put in the Reactor context under
 * {@link #CONTEXT_KEY}, else the current span of the application's tracer (if it has one), else a new trace.
 */
public final class TraceparentSource {

    /** Reactor context key for a traceparent that should travel with the events written in this pipeline. */
    public static final String CONTEXT_KEY = "traceparent";

    private final Supplier<Optional<String>> tracer;

    /** @param tracer the current span of the application's tracer, as a traceparent; empty when there is none */
    public TraceparentSource(Supplier<Optional<String>> tracer) {
        this.tracer = tracer;
    }

    /** No tracer: only the Reactor context, else a new trace. */
    public static TraceparentSource withoutTracer() {
        return new TraceparentSource(Optional::empty);
    }

    /** The traceparent for an event written now in this pipeline; never empty. */
    public Mono<String> current() {
        return Mono.deferContextual(context -> Mono.just(fromContext(context)
                .filter(Traceparent::isValid)
                .or(() -> tracer.get().filter(Traceparent::isValid))
                .orElseGet(Traceparent::generate)));
    }

    private static Optional<String> fromContext(ContextView context) {
        return context.<Object>getOrEmpty(CONTEXT_KEY).map(String::valueOf);
    }
}
