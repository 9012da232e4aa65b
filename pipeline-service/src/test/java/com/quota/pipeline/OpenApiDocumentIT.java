package com.quota.pipeline;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document describes the bodies the controllers read. Two nested records with one simple name (a pipeline's
 * {@code StageRequest} and a stage move's) once shared one schema, so a client following the document sent the wrong
 * body to {@code /advance} and {@code /move-back} (found by the bad-input proof).
 */
class OpenApiDocumentIT extends AbstractPipelineServiceIT {

    @Test
    void aStageMoveAndAPipelineStageAreDocumentedWithTheirOwnBodies() {
        String text = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode document = JsonMapper.builder().build().readTree(text);

        JsonNode advance = schemaOf(document, document.at("/paths/~1api~1opportunities~1{id}~1advance/post/requestBody/content"));
        JsonNode moveBack = schemaOf(document, document.at("/paths/~1api~1opportunities~1{id}~1move-back/post/requestBody/content"));
        assertThat(names(advance)).containsExactly("stage");
        assertThat(names(moveBack)).containsExactly("stage");

        JsonNode pipeline = schemaOf(document, document.at("/paths/~1api~1pipelines/post/requestBody/content"));
        JsonNode stage = resolve(document, pipeline.at("/properties/stages/items"));
        assertThat(names(stage)).contains("code", "name", "forecastCategory");
    }

    private static JsonNode schemaOf(JsonNode document, JsonNode content) {
        assertThat(content.isMissingNode()).as("the operation has a documented body").isFalse();
        return resolve(document, content.values().iterator().next().get("schema"));
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.at(ref.substring(1));
    }

    private static List<String> names(JsonNode schema) {
        return schema.path("properties").propertyNames().stream().toList();
    }
}
