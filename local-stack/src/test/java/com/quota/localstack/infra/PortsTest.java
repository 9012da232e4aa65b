package com.quota.localstack.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void aPortSomeoneListensOnIsInUseAndFreeAgainOnceClosed() throws IOException {
        int port;
        try (ServerSocket taken = new ServerSocket(0)) {
            port = taken.getLocalPort();
            assertThat(Ports.isInUse(port)).isTrue();
            assertThat(Ports.isOpen(port)).isTrue();
        }
        assertThat(Ports.isInUse(port)).isFalse();
        assertThat(Ports.isOpen(port)).isFalse();
    }

    @Test
    void aPortBoundOnlyOnLoopbackIsInUse() throws IOException {
        try (ServerSocket loopbackOnly = new ServerSocket()) {
            loopbackOnly.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(Ports.isInUse(loopbackOnly.getLocalPort())).isTrue();
        }
    }

    @Test
    void conflictsNameTheTakenPortItsOwnerAndPortsConfiguredTwice() throws IOException {
        List<Integer> free = Ports.freePorts(2);
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("PostgreSQL (QUOTA_DB_PORT)", free.get(0));
            ports.put("gateway (GATEWAY_PORT)", taken.getLocalPort());
            ports.put("target-service (TARGET_SERVICE_PORT)", free.get(1));
            ports.put("pipeline-service (PIPELINE_SERVICE_PORT)", free.get(1));

            assertThat(Ports.conflicts(ports)).containsExactly(
                    "port " + taken.getLocalPort() + " for gateway (GATEWAY_PORT) is already in use by another process",
                    "port " + free.get(1) + " is configured for both target-service (TARGET_SERVICE_PORT) and pipeline-service (PIPELINE_SERVICE_PORT)");
        }
    }

    @Test
    void noConflictsWhenEveryPortIsFree() {
        List<Integer> free = Ports.freePorts(3);
        assertThat(free).doesNotHaveDuplicates();
        assertThat(Ports.conflicts(Map.of("a", free.get(0), "b", free.get(1), "c", free.get(2)))).isEmpty();
    }
}
