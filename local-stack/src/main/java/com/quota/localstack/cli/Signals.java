package com.quota.localstack.cli;

import sun.misc.Signal;

import java.util.function.Consumer;

/**
 * Runs the ordered stop on SIGINT (Ctrl-C) and SIGTERM ({@code ./quota stop}) before the JVM starts shutting down.
 * With a plain shutdown hook, the hooks of the libraries (e.g. the broker launcher's kill-on-exit) would run at the
 * same time as ours and stop the broker while the apps still use it.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Installs {@code onSignal} for INT and TERM (it gets the signal's name); returns false when the JVM does not allow
     * it (a shutdown hook then covers it).
     */
    static boolean onTermination(Consumer<String> onSignal) {
        try {
            Signal.handle(new Signal("INT"), signal -> onSignal.accept(signal.getName()));
            Signal.handle(new Signal("TERM"), signal -> onSignal.accept(signal.getName()));
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
