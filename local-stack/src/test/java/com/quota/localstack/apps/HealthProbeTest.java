package com.quota.localstack.apps;

import com.quota.localstack.infra.Ports;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class HealthProbeTest {

    @Test
    void onlyAStatusUpAnswerIsUp() {
        assertThat(HealthProbe.isUp(200, "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}")).isTrue();
        assertThat(HealthProbe.isUp(503, "{\"status\":\"DOWN\"}")).isFalse();
        assertThat(HealthProbe.isUp(200, "{\"status\":\"OUT_OF_SERVICE\"}")).isFalse();
        assertThat(HealthProbe.isUp(200, "<html>UP</html>")).isFalse();
        assertThat(HealthProbe.isUp(200, "")).isFalse();
    }

    @Test
    void aPortNobodyListensOnIsUnreachable() {
        int port = Ports.freePorts(1).get(0);
        assertThat(new HealthProbe().check(URI.create("http://localhost:" + port))).isEqualTo(HealthProbe.Health.UNREACHABLE);
    }
}
