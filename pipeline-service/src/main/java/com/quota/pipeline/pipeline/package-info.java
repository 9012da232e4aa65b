/** Pipelines: ordered stages with probability, forecast category, expected days and conversion rate. */
package com.quota.pipeline.pipeline;
