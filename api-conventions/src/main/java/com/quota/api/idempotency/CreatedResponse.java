package com.quota.api.idempotency;

import com.quota.api.concurrency.Versions;
import org.springframework.http.HttpHeaders;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a create answered: status, body (serialized as JSON; a {@code String} is taken as JSON text already),
 * {@code Location}, and any other headers to keep (e.g. {@code ETag}). {@link IdempotentCreates} stores exactly this
 * and answers a retry with it.
 */
public record CreatedResponse(int status, Object body, URI location, Map<String, String> headers) {

    public CreatedResponse {
        headers = Map.copyOf(headers);
    }

    public CreatedResponse(int status, Object body, URI location) {
        this(status, body, location, Map.of());
    }

    /** 201 Created with the body and the new resource's {@code Location}. */
    public static CreatedResponse created(Object body, URI location) {
        return new CreatedResponse(201, body, location);
    }

    /** The same answer with one more header. */
    public CreatedResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new CreatedResponse(status, body, location, more);
    }

    /** The same answer with the ETag of the new resource's version. */
    public CreatedResponse withEtag(long version) {
        return withHeader(HttpHeaders.ETAG, Versions.etag(version));
    }
}
