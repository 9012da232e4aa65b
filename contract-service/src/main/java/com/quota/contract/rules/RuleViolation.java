package com.quota.contract.rules;

import java.util.Map;

/**
 * A business rule a request breaks, with the problem slug and the kind of answer it gets (the web layer maps
 * the kind to a status: FORBIDDEN 403, NOT_FOUND 404 (a thing named in the path), CONFLICT 409, UNPROCESSABLE 422,
 * BAD_REQUEST 400).
 */
public final class RuleViolation extends RuntimeException {

    /** How bad input is answered. */
    public enum Kind { BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;
    private final String slug;
    private final Map<String, Object> properties;

    public RuleViolation(Kind kind, String slug, String detail) {
        this(kind, slug, detail, Map.of());
    }

    public RuleViolation(Kind kind, String slug, String detail, Map<String, Object> properties) {
        super(detail);
        this.kind = kind;
        this.slug = slug;
        this.properties = Map.copyOf(properties);
    }

    public static RuleViolation unprocessable(String slug, String detail) {
        return new RuleViolation(Kind.UNPROCESSABLE, slug, detail);
    }

    public static RuleViolation conflict(String slug, String detail) {
        return new RuleViolation(Kind.CONFLICT, slug, detail);
    }

    public static RuleViolation forbidden(String slug, String detail) {
        return new RuleViolation(Kind.FORBIDDEN, slug, detail);
    }

    public static RuleViolation badRequest(String slug, String detail) {
        return new RuleViolation(Kind.BAD_REQUEST, slug, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The last segment of the problem type URI, e.g. {@code payment-exceeds-outstanding}. */
    public String slug() {
        return slug;
    }

    /** Extra problem properties (e.g. the offending figures). */
    public Map<String, Object> properties() {
        return properties;
    }
}
