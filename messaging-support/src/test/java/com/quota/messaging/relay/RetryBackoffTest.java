package com.quota.messaging.relay;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));

    @Test
    void firstFailureWaitsTheInitialDelay() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void eachFurtherFailureWaitsMultiplierTimesLonger() {
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofMillis(25_600));
    }

    @Test
    void delayIsCappedAtTheMaximum() {
        assertThat(backoff.delayAfter(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noFailureMeansNoWait() {
        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsSettingsThatWouldNotBackOff() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, 2, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
