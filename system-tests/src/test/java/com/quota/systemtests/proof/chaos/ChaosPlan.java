package com.quota.systemtests.proof.chaos;

import java.time.Duration;

/**
 * The load and the fault schedule, relative to the start of the load. The short form runs in every build; the full
 * form ({@code -Pproof -Dproof.part=chaos}, which sets {@code proof.form=full}) is issue #23's: 100 wins/s for five
 * minutes, the broker down 30 s, PostgreSQL down 20 s. Each figure can be overridden with a system property
 * {@code proof.chaos.<name>} (e.g. {@code -Dproof.chaos.winsPerSecond=50}).
 */
record ChaosPlan(String form, Duration load, double winsPerSecond, int contractsPerRep,
                 Duration brokerAt, Duration brokerDown, Duration postgresAt, Duration postgresDown, Duration targetAt,
                 boolean loadDuringPostgresOutage) {

    /** How long after PostgreSQL is back the short form waits before it sends again (pools reconnecting). */
    static final Duration POSTGRES_RECOVERY = Duration.ofSeconds(15);

    static ChaosPlan shortForm() {
        return new ChaosPlan("short", Duration.ofSeconds(90), 2, 4,
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(35), Duration.ofSeconds(10), Duration.ofSeconds(55),
                true);
    }

    static ChaosPlan fullForm() {
        return new ChaosPlan("full", Duration.ofMinutes(5), 100, 10,
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(110), Duration.ofSeconds(20), Duration.ofSeconds(180), true);
    }

    /** The form {@code proof.form} names (short unless "full"), with any {@code proof.chaos.*} override. */
    static ChaosPlan fromSystemProperties() {
        ChaosPlan base = "full".equals(System.getProperty("proof.form")) ? fullForm() : shortForm();
        return new ChaosPlan(base.form(),
                seconds("loadSeconds", base.load()),
                Double.parseDouble(System.getProperty("proof.chaos.winsPerSecond", Double.toString(base.winsPerSecond()))),
                Integer.getInteger("proof.chaos.contractsPerRep", base.contractsPerRep()),
                seconds("brokerAtSeconds", base.brokerAt()), seconds("brokerDownSeconds", base.brokerDown()),
                seconds("postgresAtSeconds", base.postgresAt()), seconds("postgresDownSeconds", base.postgresDown()),
                seconds("targetAtSeconds", base.targetAt()),
                Boolean.parseBoolean(System.getProperty("proof.chaos.loadDuringPostgresOutage", Boolean.toString(base.loadDuringPostgresOutage()))));
    }

    private static Duration seconds(String name, Duration fallback) {
        return Duration.ofSeconds(Long.getLong("proof.chaos." + name, fallback.toSeconds()));
    }

    @Override
    public String toString() {
        return String.format("%s form: %.0f wins/s for %d s; broker SIGKILL at %d s, back %d s later; PostgreSQL immediate stop at %d s,"
                        + " back %d s later%s; target-service SIGKILL at %d s, its consumer groups reset to offset 0, restarted",
                form, winsPerSecond, load.toSeconds(), brokerAt.toSeconds(), brokerDown.toSeconds(), postgresAt.toSeconds(),
                postgresDown.toSeconds(), loadDuringPostgresOutage ? " (load running)" : " (load paused from the stop until "
                        + POSTGRES_RECOVERY.toSeconds() + " s after it is back)", targetAt.toSeconds());
    }
}
