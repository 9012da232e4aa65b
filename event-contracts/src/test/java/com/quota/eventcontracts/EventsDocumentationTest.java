package com.quota.eventcontracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/events.md is the integration guide: it must name every topic, header, event and schema field. */
class EventsDocumentationTest {

    // surefire runs in the module directory; the guide lives in the repository's docs folder
    private static final Path GUIDE = Path.of("..", "docs", "events.md");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String guide;

    @BeforeAll
    static void readGuide() throws IOException {
        guide = Files.readString(GUIDE);
    }

    @Test
    void guideNamesEveryTopicWithItsDeadLetterConventionAndEveryHeader() {
        Topics.ALL.forEach(topic -> assertThat(guide).contains("`" + topic + "`"));
        assertThat(guide).contains("`<topic>-dlt`").contains("compact");
        EventHeaders.ALL.forEach(header -> assertThat(guide).contains("| `" + header + "` |"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void guideDocumentsEveryFieldOfTheSchema(EventType type) {
        String section = section(type);
        assertThat(section).contains(type.topic());
        List<String> fields = new ArrayList<>();
        collectFields(JSON.readTree(EventSchemas.schemaText(type)), "", fields);
        assertThat(fields).isNotEmpty().allSatisfy(field -> assertThat(section).contains("| `" + field + "` |"));
    }

    private static String section(EventType type) {
        String heading = "\n### " + type.typeName() + "\n";
        int start = guide.indexOf(heading);
        assertThat(start).as("section for " + type.typeName()).isNotNegative();
        int next = guide.indexOf("\n#", start + heading.length());
        return guide.substring(start, next < 0 ? guide.length() : next);
    }

    private static void collectFields(JsonNode schema, String prefix, List<String> fields) {
        JsonNode properties = schema.get("properties");
        if (properties == null) {
            return;
        }
        for (String name : properties.propertyNames()) {
            JsonNode property = properties.get(name);
            fields.add(prefix + name);
            JsonNode items = property.get("items");
            if (items != null && items.has("properties")) {
                collectFields(items, prefix + name + "[].", fields);
            } else if (property.has("properties") && !property.has("propertyNames")) {
                // nested objects, except the per-level target map whose keys are the levels
                collectFields(property, prefix + name + ".", fields);
            }
        }
    }
}
