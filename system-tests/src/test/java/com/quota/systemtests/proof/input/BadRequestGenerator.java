package com.quota.systemtests.proof.input;

import com.quota.systemtests.proof.input.BadRequest.Kind;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates bad requests for one operation from its OpenAPI schema: a sample of a valid-looking request is built
 * from the schema, then broken one way at a time (a field removed, a wrong JSON type, an enum value that does not
 * exist, a bad format, malformed JSON, the wrong media type, an oversized body, bad path and query parameters,
 * missing or stale {@code If-Match}). The random source varies the bad values, so repeated rounds with other seeds
 * send other requests.
 */
public final class BadRequestGenerator {

    /** What the generator knows of the running system for an operation: real path values and the resource's ETag. */
    public record Known(Map<String, String> pathValues, String etag, String current) {
        public static final Known NOTHING = new Known(Map.of(), null, null);
    }

    /**
     * Create-or-update PUTs with client-chosen ids: restating a record as it is needs no If-Match (a sync or the demo
     * loader sent twice), changing it does. Their If-Match cases therefore send the record with its name changed.
     */
    static final java.util.regex.Pattern UPSERTS = java.util.regex.Pattern.compile("/api/org/(units|reps)/\\{id}");

    static final int OVERSIZED_BYTES = 1_100_000;   // the gateway accepts at most 1 MB
    /** The file uploads may have up to 16 MB (the gateway's max-file-size and target-service's max-file-size). */
    static final java.util.Set<String> FILE_PATHS = java.util.Set.of("/api/targets/import", "/api/targets/historical-actuals");
    static final int OVERSIZED_FILE_BYTES = 16 * 1024 * 1024 + 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Random random;
    private final boolean knownFindings;

    /** {@code knownFindings}: also send the cases of known findings (the full form does). */
    public BadRequestGenerator(long seed, boolean knownFindings) {
        this.random = new Random(seed);
        this.knownFindings = knownFindings;
    }

    /** Requests that must be refused (4xx), with the statuses ARCHITECTURE.md gives each. */
    public List<BadRequest> mustRefuse(ApiOperation op, Known known) {
        List<BadRequest> out = new ArrayList<>();
        boolean realIds = !op.pathParameters().isEmpty() && known.pathValues().keySet().containsAll(names(op.pathParameters()));
        String path = path(op, known.pathValues());
        String query = query(op, null, null);
        Map<String, String> headers = headers(op, known);
        // a random id may name nothing (404); an update may meet its If-Match check before the body's
        Set<Integer> fallback = new LinkedHashSet<>();
        if (!op.pathParameters().isEmpty() && !realIds) {
            fallback.add(404);
        }
        if (isUpdate(op) && known.etag() == null) {
            fallback.addAll(Set.of(404, 412, 428));
        }
        if (op.hasBody()) {
            Object sample = sample(op.bodySchema(), 0);
            String contentType = op.bodyMediaType();
            if (op.jsonBody()) {
                out.add(request(Kind.MALFORMED_JSON, op, path + query, headers, contentType,
                        malformed(), set(fallback, 400), "truncated JSON"));
                if (op.bodyRequired()) {
                    out.add(request(Kind.EMPTY_BODY, op, path + query, headers, contentType, new byte[0], set(fallback, 400), "no body"));
                }
                if (isObject(op.bodySchema())) {
                    out.add(request(Kind.NOT_AN_OBJECT, op, path + query, headers, contentType,
                            bytes(random.nextBoolean() ? List.of(sample) : random.nextInt()), set(fallback, 400), "array or number"));
                }
                out.add(request(Kind.WRONG_MEDIA_TYPE, op, path + query, headers, "text/plain", bytes(sample), Set.of(415), "text/plain"));
            } else {
                out.add(request(Kind.WRONG_MEDIA_TYPE, op, path + query, headers, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8),
                        Set.of(415), "application/xml"));
            }
            int oversized = FILE_PATHS.contains(path) ? OVERSIZED_FILE_BYTES : OVERSIZED_BYTES;
            out.add(request(Kind.OVERSIZED_BODY, op, path + query, headers, contentType, oversized(oversized), Set.of(413),
                    oversized + " bytes"));
            if (op.jsonBody() && sample instanceof Map<?, ?> map) {
                out.addAll(fieldMutations(op, path + query, headers, contentType, castMap(map), op.bodySchema(), "", fallback));
            }
        }
        for (ApiOperation.Parameter p : op.pathParameters()) {
            Map<String, String> values = new LinkedHashMap<>(known.pathValues());
            String bad = badPathValue(p.schema());
            values.put(p.name(), bad);
            Set<Integer> expected = set(Set.of(404), 400);
            if ("string".equals(p.schema() == null ? "string" : type(p.schema())) && (p.schema() == null || p.schema().getFormat() == null)) {
                expected.add(422);   // a free-text key (a currency, an external ref) that names nothing known
            }
            if (op.hasBody()) {
                expected.addAll(Set.of(412, 428));   // the body's checks may run first; the id is refused all the same
            }
            out.add(request(Kind.BAD_PATH_PARAMETER, op, path(op, values) + query, headers, op.bodyMediaType(),
                    op.hasBody() ? bytes(sample(op.bodySchema(), 0)) : null, expected, p.name() + "=" + bad));
        }
        for (ApiOperation.Parameter p : op.queryParameters()) {
            String bad = badQueryValue(p);
            if (bad != null) {
                out.add(request(Kind.BAD_QUERY_PARAMETER, op, path + query(op, p.name(), bad), headers, op.bodyMediaType(),
                        op.hasBody() ? bytes(sample(op.bodySchema(), 0)) : null, set(fallback, 400), p.name() + "=" + bad));
            }
            if (p.required()) {
                out.add(request(Kind.MISSING_QUERY_PARAMETER, op, path + query(op, p.name(), null), headers, op.bodyMediaType(),
                        op.hasBody() ? bytes(sample(op.bodySchema(), 0)) : null, set(fallback, 400), p.name()));
            }
        }
        if (isUpdate(op) && op.jsonBody() && known.etag() != null && known.current() != null) {
            // the resource as it is now, sent back (an upsert's with its name changed): only the If-Match header is wrong
            byte[] current = (UPSERTS.matcher(op.path()).matches() ? renamed(known.current()) : known.current())
                    .getBytes(StandardCharsets.UTF_8);
            Map<String, String> noIfMatch = new LinkedHashMap<>(headers);
            noIfMatch.remove("If-Match");
            // the GET representation is not always a valid update body: then a 400 for the body is as right as a 428
            out.add(request(Kind.MISSING_IF_MATCH, op, path + query, noIfMatch, op.bodyMediaType(), current, Set.of(428, 400), "no If-Match"));
            Map<String, String> stale = new LinkedHashMap<>(headers);
            stale.put("If-Match", "\"" + (1000 + random.nextInt(100000)) + "\"");
            out.add(request(Kind.STALE_IF_MATCH, op, path + query, stale, op.bodyMediaType(), current, Set.of(412, 400), stale.get("If-Match")));
        }
        return out;
    }

    /** Requests that may be accepted (unknown fields ignored, boundary values that are valid); never a 5xx. */
    public List<BadRequest> mayAccept(ApiOperation op, Known known) {
        List<BadRequest> out = new ArrayList<>();
        if (!op.jsonBody() || !isObject(op.bodySchema())) {
            return out;
        }
        String path = path(op, known.pathValues()) + query(op, null, null);
        Map<String, String> headers = headers(op, known);
        Map<String, Object> sample = castMap((Map<?, ?>) sample(op.bodySchema(), 0));
        Set<Integer> refusals = Set.of(400, 404, 409, 412, 413, 422, 428);
        Map<String, Object> extra = new LinkedHashMap<>(sample);
        extra.put("proofUnknownField" + random.nextInt(1000), random.nextBoolean() ? "x" : Map.of("nested", 1));
        out.add(request(Kind.EXTRA_FIELD, op, path, headers, op.bodyMediaType(), bytes(extra), refusals, "unknown field"));
        Map<String, Schema> properties = properties(op.bodySchema());
        for (Map.Entry<String, Schema> e : properties.entrySet()) {
            Object boundary = boundary(e.getValue());
            if (boundary != null) {
                Map<String, Object> body = new LinkedHashMap<>(sample);
                body.put(e.getKey(), boundary);
                out.add(request(Kind.BOUNDARY_VALUE, op, path, headers, op.bodyMediaType(), bytes(body), refusals,
                        e.getKey() + "=" + abbreviate(String.valueOf(boundary))));
            }
        }
        return out;
    }

    /** A request to a path under the operation's base that no service has. */
    public BadRequest unknownPath(ApiOperation op) {
        String base = op.path().replaceAll("/\\{[^}]+}.*$", "");
        return request(Kind.UNKNOWN_PATH, op, base + "/proof-no-such-" + Integer.toHexString(random.nextInt()) + "/x/y/z/w",
                Map.of(), null, null, Set.of(404, 405), "unknown path");
    }

    private List<BadRequest> fieldMutations(ApiOperation op, String path, Map<String, String> headers, String contentType,
                                            Map<String, Object> sample, Schema<?> schema, String prefix, Set<Integer> fallback) {
        List<BadRequest> out = new ArrayList<>();
        Map<String, Schema> properties = properties(schema);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> e : properties.entrySet()) {
            String name = e.getKey();
            Schema<?> property = e.getValue();
            if (Boolean.TRUE.equals(property.getReadOnly())) {
                continue;
            }
            Object wrong = wrongType(property);
            if (wrong != null) {
                out.add(mutated(Kind.WRONG_TYPE, op, path, headers, contentType, sample, name, wrong, set(fallback, 400),
                        prefix + name + "=" + abbreviate(String.valueOf(wrong))));
            }
            if (property.getEnum() != null && !property.getEnum().isEmpty()) {
                out.add(mutated(Kind.BAD_ENUM, op, path, headers, contentType, sample, name, "PROOF_NOT_A_VALUE_" + random.nextInt(100),
                        set(fallback, 400), prefix + name));
            }
            Object badFormat = badFormat(property);
            if (badFormat != null) {
                out.add(mutated(Kind.BAD_FORMAT, op, path, headers, contentType, sample, name, badFormat, set(fallback, 400),
                        prefix + name + "=" + badFormat));
            }
            if (required.contains(name)) {
                Map<String, Object> body = new LinkedHashMap<>(sample);
                body.remove(name);
                out.add(request(Kind.MISSING_REQUIRED, op, path, headers, contentType, bytes(body), set(fallback, 400, 422), prefix + name));
            }
            // one level down: objects inside the body, and the first element of arrays of objects
            if (prefix.isEmpty() && sample.get(name) instanceof Map<?, ?> nested && isObject(property)) {
                for (BadRequest inner : fieldMutations(op, path, headers, contentType, castMap(nested), property, name + ".", fallback)) {
                    out.add(wrapped(inner, sample, name, false));
                }
            }
            if (prefix.isEmpty() && "array".equals(type(property)) && property.getItems() != null && isObject(property.getItems())
                    && sample.get(name) instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> element) {
                for (BadRequest inner : fieldMutations(op, path, headers, contentType, castMap(element), property.getItems(), name + "[0].", fallback)) {
                    out.add(wrapped(inner, sample, name, true));
                }
            }
        }
        return out;
    }

    /** Puts a mutated nested object (the inner request's body) back into the outer sample. */
    private BadRequest wrapped(BadRequest inner, Map<String, Object> sample, String name, boolean asArrayElement) {
        Object nested = JSON.readValue(inner.body(), Object.class);
        Map<String, Object> body = new LinkedHashMap<>(sample);
        body.put(name, asArrayElement ? List.of(nested) : nested);
        return new BadRequest(inner.kind(), inner.operation(), inner.method(), inner.path(), inner.headers(), bytes(body),
                inner.expected(), true, inner.detail());
    }

    private BadRequest mutated(Kind kind, ApiOperation op, String path, Map<String, String> headers, String contentType,
                               Map<String, Object> sample, String name, Object value, Set<Integer> expected, String detail) {
        Map<String, Object> body = new LinkedHashMap<>(sample);
        body.put(name, value);
        return request(kind, op, path, headers, contentType, bytes(body), expected, detail);
    }

    private static BadRequest request(Kind kind, ApiOperation op, String path, Map<String, String> headers, String contentType,
                                      byte[] body, Set<Integer> expected, String detail) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (body != null && contentType != null) {
            h.put("Content-Type", contentType);
        }
        boolean mustRefuse = kind != Kind.EXTRA_FIELD && kind != Kind.BOUNDARY_VALUE;
        return new BadRequest(kind, op, op.method(), path, Map.copyOf(h), body, Set.copyOf(expected), mustRefuse, detail);
    }

    private Map<String, String> headers(ApiOperation op, Known known) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (isUpdate(op)) {
            headers.put("If-Match", known.etag() != null ? known.etag() : "\"" + random.nextInt(5) + "\"");
        }
        if ("POST".equals(op.method())) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return headers;
    }

    /** The representation with its name (or display name) changed: a change, not a restatement. */
    static String renamed(String representation) {
        Map<String, Object> record = castMap(JSON.readValue(representation, Map.class));
        for (String field : List.of("name", "displayName")) {
            if (record.get(field) instanceof String name) {
                record.put(field, name + " (changed by the proof)");
                return new String(bytes(record), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("an upsert's representation without a name: " + representation);
    }

    static boolean isUpdate(ApiOperation op) {
        return ("PUT".equals(op.method()) || "PATCH".equals(op.method())) && !op.pathParameters().isEmpty();
    }

    /** A value the schema allows, as a client that read only the document would send. */
    Object sample(Schema<?> schema, int depth) {
        if (schema == null || depth > 6) {
            return null;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(0));
        }
        if (schema.getExample() != null && !(schema.getExample() instanceof Map) && !(schema.getExample() instanceof List)) {
            return schema.getExample();
        }
        String type = type(schema);
        String format = schema.getFormat();
        switch (type) {
            case "integer":
                return schema.getMinimum() != null ? schema.getMinimum().intValue() : 1;
            case "number":
                return schema.getMinimum() != null ? schema.getMinimum() : 1;
            case "boolean":
                return Boolean.TRUE;
            case "array": {
                Object item = sample(schema.getItems(), depth + 1);
                return item == null ? List.of() : List.of(item);
            }
            case "object": {
                Map<String, Object> out = new LinkedHashMap<>();
                properties(schema).forEach((name, property) -> {
                    if (!Boolean.TRUE.equals(property.getReadOnly())) {
                        Object value = sample(property, depth + 1);
                        if (value != null) {
                            out.put(name, value);
                        }
                    }
                });
                return out;
            }
            default:
                if ("uuid".equals(format)) {
                    return UUID.randomUUID().toString();
                }
                if ("date".equals(format)) {
                    return "2026-06-30";
                }
                if ("date-time".equals(format)) {
                    return "2026-06-30T08:00:00Z";
                }
                return "proof";
        }
    }

    private Object wrongType(Schema<?> schema) {
        return switch (type(schema)) {
            case "string" -> random.nextBoolean() ? Map.of("proof", 1) : List.of("a", "b");
            case "integer", "number" -> random.nextBoolean() ? "not-a-number" : Map.of("n", 1);
            // a number for a boolean is coerced (7 -> true): a known finding, sent in the full form only
            case "boolean" -> knownFindings && random.nextBoolean() ? 7 : "perhaps";
            case "array" -> random.nextBoolean() ? "not-an-array" : Map.of("a", 1);
            case "object" -> random.nextBoolean() ? 42 : "not-an-object";
            default -> null;
        };
    }

    private Object badFormat(Schema<?> schema) {
        if (!"string".equals(type(schema)) || schema.getFormat() == null) {
            return null;
        }
        return switch (schema.getFormat()) {
            case "uuid" -> pick("not-a-uuid", "1234", "00000000-0000-0000-0000-00000000000Z");
            case "date" -> pick("2026-02-30", "2026-13-01", "yesterday", "30/06/2026");
            case "date-time" -> pick("2026-06-30T25:00:00Z", "now", "2026-06-30");
            default -> null;
        };
    }

    private Object boundary(Schema<?> schema) {
        return switch (type(schema)) {
            case "integer" -> pick(0, -1, Integer.MAX_VALUE, Long.MAX_VALUE);
            case "number" -> pick("0", -1, 1e30, new java.math.BigDecimal("1e400"));
            case "string" -> schema.getFormat() == null && schema.getEnum() == null
                    ? pick("", "x".repeat(10_000), "\u0000\u202e\ud83d\ude00 ' OR 1=1 --", "   ") : null;
            case "array" -> List.of();
            default -> null;
        };
    }

    private String badPathValue(Schema<?> schema) {
        String type = schema == null ? "string" : type(schema);
        if ("integer".equals(type) || "number".equals(type)) {
            return pick("abc", "1.5x", "99999999999999999999999");
        }
        if (schema != null && "uuid".equals(schema.getFormat())) {
            return pick("not-a-uuid", "1234", "00000000-0000-0000-0000-00000000000Z");
        }
        if (schema != null && "date".equals(schema.getFormat())) {
            return pick("2026-02-30", "not-a-date");
        }
        if (schema != null && schema.getEnum() != null) {
            return "PROOF_NOT_A_VALUE";
        }
        return pick("%00", "..%2F..%2Fetc", "x".repeat(300), "%20", "%E2%9C%93");
    }

    private String badQueryValue(ApiOperation.Parameter p) {
        Schema<?> schema = p.schema();
        if (schema == null) {
            return null;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return "PROOF_NOT_A_VALUE";
        }
        String type = type(schema);
        if ("integer".equals(type) || "number".equals(type)) {
            if (p.name().equals("size")) {
                return pick("100000", "-1", "0", "abc");
            }
            if (p.name().equals("page")) {
                return pick("-1", "abc");
            }
            return pick("abc", "99999999999999999999999", "1e999");
        }
        if ("boolean".equals(type)) {
            return "perhaps";
        }
        if ("string".equals(type) && schema.getFormat() != null) {
            return switch (schema.getFormat()) {
                case "uuid" -> "not-a-uuid";
                case "date" -> pick("2026-02-30", "yesterday");
                case "date-time" -> "not-an-instant";
                default -> null;
            };
        }
        return null;
    }

    private String query(ApiOperation op, String changed, String value) {
        StringBuilder query = new StringBuilder();
        for (ApiOperation.Parameter p : op.queryParameters()) {
            String v;
            if (p.name().equals(changed)) {
                v = value;
            } else if (p.required()) {
                Object sample = sample(p.schema(), 0);
                v = sample == null ? "proof" : String.valueOf(sample);
            } else {
                continue;
            }
            if (v == null) {
                continue;
            }
            query.append(query.isEmpty() ? '?' : '&').append(encode(p.name())).append('=').append(encode(v));
        }
        return query.toString();
    }

    private String path(ApiOperation op, Map<String, String> values) {
        String path = op.path();
        for (ApiOperation.Parameter p : op.pathParameters()) {
            String value = values.get(p.name());
            if (value == null) {
                Object sample = sample(p.schema(), 0);
                value = sample == null || "proof".equals(sample) ? UUID.randomUUID().toString() : String.valueOf(sample);
            }
            path = path.replace("{" + p.name() + "}", value.startsWith("%") || value.contains("%2F") ? value : encode(value));
        }
        return path;
    }

    @SuppressWarnings("rawtypes")
    static Map<String, Schema> properties(Schema<?> schema) {
        if (schema == null) {
            return Map.of();
        }
        Map<String, Schema> out = new LinkedHashMap<>();
        if (schema.getAllOf() != null) {
            for (Schema part : schema.getAllOf()) {
                out.putAll(properties(part));
            }
        }
        if (schema.getProperties() != null) {
            out.putAll(schema.getProperties());
        }
        return out;
    }

    static boolean isObject(Schema<?> schema) {
        return schema != null && "object".equals(type(schema));
    }

    static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse("string");
        }
        if (schema.getProperties() != null || schema.getAllOf() != null) {
            return "object";
        }
        if (schema.getItems() != null) {
            return "array";
        }
        return "unknown";
    }

    private static Set<Integer> set(Set<Integer> base, Integer... more) {
        Set<Integer> out = new LinkedHashSet<>(base);
        out.addAll(List.of(more));
        return out;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] malformed() {
        return pick("{\"proof\": ", "{proof: 1}", "{\"a\":1,}", "\u00ff\u00fe{", "{\"a\": \"unterminated}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oversized(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 32).append("{\"padding\":\"");
        sb.append("x".repeat(bytes)).append("\"}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static List<String> names(List<ApiOperation.Parameter> parameters) {
        return parameters.stream().map(ApiOperation.Parameter::name).toList();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }
}
