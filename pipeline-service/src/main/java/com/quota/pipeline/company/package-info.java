/** The company's business day and reporting currency as pipeline-service sees them. */
package com.quota.pipeline.company;
