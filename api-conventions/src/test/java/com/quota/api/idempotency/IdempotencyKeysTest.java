package com.quota.api.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeysTest {

    @Test
    void aKeyIsVisibleAsciiUpTo255Characters() {
        assertThat(IdempotentCreates.invalidKey("0190f5c2-7a3e-7c4d-9a1b-2c3d4e5f6a7b")).isNull();
        assertThat(IdempotentCreates.invalidKey("x".repeat(255))).isNull();
        assertThat(IdempotentCreates.invalidKey("x".repeat(256))).contains("255");
        assertThat(IdempotentCreates.invalidKey("")).contains("blank");
        assertThat(IdempotentCreates.invalidKey("two words")).contains("ASCII");
        assertThat(IdempotentCreates.invalidKey("clé")).contains("ASCII");
    }

    @Test
    void keysAreKeptAtLeastADay() {
        assertThat(new IdempotencyProperties(Duration.ofHours(24), Duration.ofHours(1), true).retention())
                .isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> new IdempotencyProperties(Duration.ofHours(23), Duration.ofHours(1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24h");
        assertThatThrownBy(() -> new IdempotencyProperties(Duration.ofHours(48), Duration.ZERO, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCreatedResponseKeepsItsHeaders() {
        CreatedResponse response = CreatedResponse.created("{}", java.net.URI.create("/api/deals/1")).withEtag(0);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("ETag", "\"0\"");
    }
}
