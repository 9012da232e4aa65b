package com.quota.api.idempotency;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Deal(String name, BigDecimal amount, List<String> tags) {
    }

    @Test
    void propertyOrderDoesNotMatterAtAnyDepth() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("a", 1);
        one.put("b", Map.of("y", 2, "x", List.of(Map.of("q", 1, "p", 2))));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("b", Map.of("x", List.of(Map.of("p", 2, "q", 1)), "y", 2));
        other.put("a", 1);

        assertThat(RequestFingerprint.canonicalJson(JSON, one)).isEqualTo("{\"a\":1,\"b\":{\"x\":[{\"p\":2,\"q\":1}],\"y\":2}}");
        assertThat(RequestFingerprint.of(JSON, "POST", "/api/deals", one))
                .isEqualTo(RequestFingerprint.of(JSON, "POST", "/api/deals", other));
    }

    @Test
    void anyDifferentValueMethodOrPathChangesTheFingerprint() {
        Deal deal = new Deal("Acme", new BigDecimal("100.00"), List.of("a", "b"));
        String base = RequestFingerprint.of(JSON, "POST", "/api/deals", deal);

        assertThat(RequestFingerprint.of(JSON, "POST", "/api/deals", new Deal("Acme", new BigDecimal("100.01"), List.of("a", "b"))))
                .isNotEqualTo(base);
        // array order is meaningful
        assertThat(RequestFingerprint.of(JSON, "POST", "/api/deals", new Deal("Acme", new BigDecimal("100.00"), List.of("b", "a"))))
                .isNotEqualTo(base);
        assertThat(RequestFingerprint.of(JSON, "PUT", "/api/deals", deal)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(JSON, "POST", "/api/deal", deal)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(JSON, "POST", "/api/deals", null)).isNotEqualTo(base);
        assertThat(base).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void aRecordAndTheSameJsonTreeAgree() {
        Deal deal = new Deal("Acme", new BigDecimal("100.5"), List.of());
        assertThat(RequestFingerprint.canonicalJson(JSON, deal)).isEqualTo("{\"amount\":100.5,\"name\":\"Acme\",\"tags\":[]}")
                .isEqualTo(RequestFingerprint.canonicalJson(JSON, JSON.readTree("{\"tags\":[],\"name\":\"Acme\",\"amount\":100.5}")));
    }
}
