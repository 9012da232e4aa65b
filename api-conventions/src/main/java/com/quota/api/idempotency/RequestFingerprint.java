package com.quota.api.idempotency;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two requests "the same" for an Idempotency-Key: method, path and the canonical JSON of the body
 * (object properties sorted, no whitespace), hashed with SHA-256. Property order and formatting of the client's JSON
 * do not matter; any value that differs does.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** The hex SHA-256 of method, path and canonical body. */
    public static String of(JsonMapper json, String method, String path, Object body) {
        String canonical = body == null ? "null" : canonicalJson(json, body);
        // length-prefixed, so no two different (method, path, body) triples share an input
        String input = method.length() + ":" + method + "|" + path.length() + ":" + path + "|" + canonical;
        return sha256(input);
    }

    /** The body as JSON with every object's properties in name order and no whitespace. */
    public static String canonicalJson(JsonMapper json, Object body) {
        JsonNode tree = body instanceof JsonNode node ? node : json.valueToTree(body);
        return json.writeValueAsString(sorted(tree));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> properties = new TreeMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                properties.put(property.getKey(), sorted(property.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            properties.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }

    static String sha256(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
