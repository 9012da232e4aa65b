package com.quota.gateway.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A W3C {@code traceparent} as the gateway forwards it: the caller's trace id when it sent a valid one
 * (else a new one), and a new span id for the gateway's hop.
 */
public record TraceContext(String traceId, String spanId, String flags) {

    private static final Pattern TRACEPARENT =
            Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_SPAN_ID = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Continues the caller's trace, or starts a sampled one when the header is absent or malformed. */
    public static TraceContext continueOrStart(String traceparent) {
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches() && !INVALID_TRACE_ID.equals(matcher.group(1))
                    && !INVALID_SPAN_ID.equals(matcher.group(2))) {
                return new TraceContext(matcher.group(1), newId(8), matcher.group(3));
            }
        }
        return new TraceContext(newId(16), newId(8), "01");
    }

    /** The caller's request id if it is a sane token, else a fresh UUID (never echo arbitrary input). */
    public static String requestIdOrNew(String requestId) {
        return requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : UUID.randomUUID().toString();
    }

    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String newId(int bytes) {
        byte[] id = new byte[bytes];
        do {
            RANDOM.nextBytes(id);
        } while (allZero(id));
        return HexFormat.of().formatHex(id);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
