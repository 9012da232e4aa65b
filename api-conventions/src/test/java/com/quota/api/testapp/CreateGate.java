package com.quota.api.testapp;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds a create whose deal name starts with {@code held-} inside its transaction until the test lets it go, so a
 * test can send a duplicate while the first is provably in flight.
 */
@Component
public class CreateGate {

    private final AtomicBoolean entered = new AtomicBoolean();
    private volatile Sinks.Empty<Void> gate = Sinks.empty();

    /** Completes at once, or (for a held deal) when {@link #release()} is called. */
    Mono<Void> pass(String dealName) {
        if (!dealName.startsWith("held-")) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            entered.set(true);
            return gate.asMono();
        });
    }

    /** Whether a held create is waiting inside its transaction. */
    public boolean entered() {
        return entered.get();
    }

    /** Lets the held create finish, and arms the gate again. */
    public void release() {
        Sinks.Empty<Void> open = gate;
        gate = Sinks.empty();
        entered.set(false);
        open.tryEmitEmpty();
    }
}
