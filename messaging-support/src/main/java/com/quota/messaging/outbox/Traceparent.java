package com.quota.messaging.outbox;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C trace context {@code traceparent} values: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}. */
public final class Traceparent {

    private static final Pattern VALID = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final HexFormat HEX = HexFormat.of();

    private Traceparent() {
    }

    /** A new sampled trace (random trace and span ids), for events not caused by a traced request. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return of(HEX.toHexDigits(nonZero(random)) + HEX.toHexDigits(random.nextLong()), HEX.toHexDigits(nonZero(random)), true);
    }

    /** A traceparent from ids as tracers print them; a 64-bit trace id (16 hex digits) is left-padded to 128 bits. */
    public static String of(String traceId, String spanId, boolean sampled) {
        String trace = "0".repeat(Math.max(0, 32 - traceId.length())) + traceId.toLowerCase();
        String span = "0".repeat(Math.max(0, 16 - spanId.length())) + spanId.toLowerCase();
        String value = "00-" + trace + "-" + span + (sampled ? "-01" : "-00");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid trace context: trace id '" + traceId + "', span id '" + spanId + "'");
        }
        return value;
    }

    /** Whether the value is a well-formed version-00 traceparent with non-zero ids. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    private static long nonZero(ThreadLocalRandom random) {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }
}
