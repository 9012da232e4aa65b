/** The pipelines API: {@code /api/pipelines}. */
package com.quota.pipeline.pipeline.web;
