package com.quota.gateway.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void saneRequestIdIsKeptAndAnythingElseReplaced() {
        assertThat(RequestIds.requestIdOrNew("req-123_a.b:c")).isEqualTo("req-123_a.b:c");
        assertThat(RequestIds.requestIdOrNew("evil\r\nSet-Cookie: x")).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.requestIdOrNew("x".repeat(129))).matches("[0-9a-f-]{36}");
        assertThat(RequestIds.requestIdOrNew(null)).matches("[0-9a-f-]{36}");
    }
}
