package com.quota.systemtests.proof.input;

import io.swagger.v3.oas.models.media.Schema;

import java.util.List;

/**
 * One operation of a service's OpenAPI document, as the generator needs it: where it is, its parameters and the
 * schema of its request body (null when it takes none). Schemas are fully resolved ($refs inlined).
 */
public record ApiOperation(String service, String method, String path, List<Parameter> pathParameters,
                           List<Parameter> queryParameters, String bodyMediaType, Schema<?> bodySchema, boolean bodyRequired) {

    /** A path or query parameter with its schema. */
    public record Parameter(String name, Schema<?> schema, boolean required) {
    }

    public boolean hasBody() {
        return bodyMediaType != null;
    }

    public boolean jsonBody() {
        return bodyMediaType != null && bodyMediaType.contains("json");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
