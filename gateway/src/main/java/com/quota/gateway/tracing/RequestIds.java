package com.quota.gateway.tracing;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id the gateway forwards: the caller's when it is a sane token, else a fresh UUID. */
public final class RequestIds {

    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private RequestIds() {
    }

    /** Never echoes arbitrary input (header injection, log forging): anything else is replaced. */
    public static String requestIdOrNew(String requestId) {
        return requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : UUID.randomUUID().toString();
    }
}
