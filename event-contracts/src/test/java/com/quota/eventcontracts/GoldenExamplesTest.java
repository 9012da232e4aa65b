package com.quota.eventcontracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GoldenExamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleValidatesAgainstItsSchema(EventType type) {
        assertThat(EventSchemas.validate(type.typeName(), EventSchemas.goldenExample(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIsAValidDraft202012SchemaWithItsOwnId(EventType type) {
        JsonNode schema = JSON.readTree(EventSchemas.schemaText(type));
        assertThat(messages(metaSchema().validate(schema))).isEmpty();
        assertThat(schema.get("$schema").asString()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.get("$id").asString())
                .isEqualTo(EventSchemas.ID_BASE + "schemas/" + type.typeName() + ".schema.json");
    }

    @Test
    void commonSchemaIsAValidDraft202012Schema() {
        JsonNode common = JSON.readTree(EventSchemas.class.getClassLoader()
                .getResourceAsStream("event-contracts/schemas/common.schema.json"));
        assertThat(messages(metaSchema().validate(common))).isEmpty();
        assertThat(common.get("$id").asString()).isEqualTo(EventSchemas.COMMON_SCHEMA_ID);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleCarriesItsAggregateIdAsARequiredUuid(EventType type) {
        String id = EventSchemas.aggregateId(type, EventSchemas.goldenExample(type));
        assertThat(id).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        // the key field must never be optional
        String topField = type.aggregateIdPointer().split("/")[1];
        JsonNode required = JSON.readTree(EventSchemas.schemaText(type)).get("required");
        assertThat(required.values()).extracting(JsonNode::asString).contains(topField);
    }

    @Test
    void metaSchemaCheckRejectsABrokenSchema() {
        // proves the meta-schema checks above can fail
        JsonNode broken = JSON.readTree("{\"type\": \"objekt\", \"required\": \"closeDate\", \"minItems\": -1}");
        assertThat(messages(metaSchema().validate(broken))).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyRequiredFieldIsDeclared(EventType type) {
        // additionalProperties are allowed, so a typo in "required" would otherwise go unnoticed
        List<String> undeclared = new ArrayList<>();
        collectUndeclaredRequired(JSON.readTree(EventSchemas.schemaText(type)), "", undeclared);
        assertThat(undeclared).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleUsesOnlyDeclaredTopLevelFields(EventType type) {
        // unknown fields would pass validation; the example must document the contract, not invent fields
        JsonNode properties = JSON.readTree(EventSchemas.schemaText(type)).get("properties");
        Set<String> declared = Set.copyOf(properties.propertyNames());
        assertThat(JSON.readTree(EventSchemas.goldenExample(type)).propertyNames()).isSubsetOf(declared);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleFillsEveryDeclaredTopLevelField(EventType type) {
        // consumers deserialize the example into their own records: it shows every field, optional ones too
        JsonNode properties = JSON.readTree(EventSchemas.schemaText(type)).get("properties");
        Set<String> present = Set.copyOf(JSON.readTree(EventSchemas.goldenExample(type)).propertyNames());
        assertThat(present).containsAll(properties.propertyNames());
    }

    @Test
    void everySchemaReferencesTheCommonDefinitionsThatExist() {
        JsonNode defs = JSON.readTree(EventSchemas.class.getClassLoader()
                .getResourceAsStream("event-contracts/schemas/common.schema.json")).get("$defs");
        Set<String> referenced = new java.util.TreeSet<>();
        for (EventType type : EventType.values()) {
            collectRefs(JSON.readTree(EventSchemas.schemaText(type)), referenced);
        }
        Set<String> names = referenced.stream()
                .map(ref -> ref.substring(ref.lastIndexOf('/') + 1)).collect(Collectors.toSet());
        assertThat(referenced).allMatch(ref -> ref.startsWith("common.schema.json#/$defs/"));
        assertThat(names).allMatch(defs::has, "defined in common.schema.json");
    }

    private static Schema metaSchema() {
        return EventSchemas.registry().getSchema(SchemaLocation.of(DRAFT_2020_12));
    }

    private static void collectUndeclaredRequired(JsonNode node, String path, List<String> undeclared) {
        if (node.isObject()) {
            JsonNode required = node.get("required");
            JsonNode properties = node.get("properties");
            if (required != null && required.isArray() && properties != null && properties.isObject()) {
                for (JsonNode name : required) {
                    if (!properties.has(name.asString())) {
                        undeclared.add(path + "/required/" + name.asString());
                    }
                }
            }
            for (String field : node.propertyNames()) {
                collectUndeclaredRequired(node.get(field), path + "/" + field, undeclared);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndeclaredRequired(node.get(i), path + "/" + i, undeclared);
            }
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                refs.add(ref.asString());
            }
            node.propertyNames().forEach(field -> collectRefs(node.get(field), refs));
        } else if (node.isArray()) {
            StreamSupport.stream(node.spliterator(), false).forEach(item -> collectRefs(item, refs));
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
