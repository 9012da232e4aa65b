package com.quota.pipeline.pipeline;

/** A pipeline definition that breaks a rule (the web layer answers 400 naming the field). */
public class PipelineDefinitionException extends RuntimeException {

    private final String field;

    public PipelineDefinitionException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
