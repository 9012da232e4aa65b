package com.quota.api.audit;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.Optional;
import java.util.function.Function;

/**
 * The trace id of the current request, for the audit trail: from a W3C {@code traceparent} in the Reactor context
 * (key {@value #CONTEXT_KEY}, as messaging-support uses), else the application's tracer, else none.
 */
public final class TraceIds {

    /** Reactor context key of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}). */
    public static final String CONTEXT_KEY = "traceparent";

    private final Function<ContextView, Optional<String>> tracer;

    /** @param tracer the trace id the application's tracer knows for this Reactor context; empty when none */
    public TraceIds(Function<ContextView, Optional<String>> tracer) {
        this.tracer = tracer;
    }

    /** No tracer: only the Reactor context. */
    public static TraceIds withoutTracer() {
        return new TraceIds(context -> Optional.empty());
    }

    /** The current trace id, or empty. */
    public Mono<String> current() {
        return Mono.deferContextual(context -> Mono.justOrEmpty(fromContext(context).or(() -> tracer.apply(context))));
    }

    private static Optional<String> fromContext(ContextView context) {
        return context.<Object>getOrEmpty(CONTEXT_KEY).map(String::valueOf).map(TraceIds::traceIdOf);
    }

    /** The trace id of a traceparent, or null when it is not one. */
    static String traceIdOf(String traceparent) {
        String[] parts = traceparent.trim().split("-");
        if (parts.length == 4 && parts[1].length() == 32 && parts[1].chars().allMatch(c -> Character.digit(c, 16) >= 0)
                && !parts[1].equals("0".repeat(32))) {
            return parts[1].toLowerCase();
        }
        return null;
    }
}
