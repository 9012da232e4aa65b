package com.quota.systemtests.proof.input;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an OpenAPI document (swagger-parser, $refs resolved) into the operations the generator works from. */
public final class OpenApiCatalog {

    private OpenApiCatalog() {
    }

    /** The operations of one service's document, in document order. */
    public static List<ApiOperation> operations(String service, String openApiJson) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(openApiJson, null, options);
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            throw new IllegalStateException(service + ": not an OpenAPI document: " + result.getMessages());
        }
        List<ApiOperation> operations = new ArrayList<>();
        if (api.getPaths() == null) {
            return operations;
        }
        api.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                operations.add(operation(service, path, entry.getKey().name(), item, entry.getValue()));
            }
        });
        return operations;
    }

    private static boolean objectSchema(io.swagger.v3.oas.models.media.Schema<?> schema) {
        return schema != null && (schema.get$ref() != null || "object".equals(schema.getType())
                || schema.getProperties() != null || schema.getAdditionalProperties() != null);
    }

    private static ApiOperation operation(String service, String path, String method, PathItem item, Operation op) {
        List<ApiOperation.Parameter> pathParameters = new ArrayList<>();
        List<ApiOperation.Parameter> queryParameters = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        for (Parameter p : all) {
            ApiOperation.Parameter parameter = new ApiOperation.Parameter(p.getName(), p.getSchema(), Boolean.TRUE.equals(p.getRequired()));
            if ("path".equals(p.getIn())) {
                pathParameters.add(parameter);
            } else if ("query".equals(p.getIn()) && !objectSchema(p.getSchema())) {
                // an object "query parameter" is a server-side argument springdoc lists (the caller resolved from the
                // token, a map of all parameters): no client sends it, so it is not a parameter to break
                queryParameters.add(parameter);
            }
        }
        String mediaType = null;
        io.swagger.v3.oas.models.media.Schema<?> schema = null;
        boolean required = false;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null && !op.getRequestBody().getContent().isEmpty()) {
            Map.Entry<String, MediaType> first = op.getRequestBody().getContent().entrySet().iterator().next();
            for (Map.Entry<String, MediaType> e : op.getRequestBody().getContent().entrySet()) {
                if (e.getKey().contains("json")) {
                    first = e;
                    break;
                }
            }
            mediaType = first.getKey();
            schema = first.getValue().getSchema();
            required = Boolean.TRUE.equals(op.getRequestBody().getRequired());
        }
        return new ApiOperation(service, method, path, List.copyOf(pathParameters), List.copyOf(queryParameters),
                mediaType, schema, required);
    }
}
