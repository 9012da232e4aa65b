package com.quota.pipeline.pipeline.application;

import com.quota.pipeline.pipeline.Pipeline;

/** A pipeline as stored: the definition, its CRM reference and its version. */
public record StoredPipeline(Pipeline pipeline, String externalRef, long version) {
}
