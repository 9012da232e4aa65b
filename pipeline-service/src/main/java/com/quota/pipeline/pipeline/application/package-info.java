/** Pipeline use cases and their PostgreSQL store. */
package com.quota.pipeline.pipeline.application;
