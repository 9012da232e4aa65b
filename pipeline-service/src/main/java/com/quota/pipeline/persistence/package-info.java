/** Small helpers for writing SQL with Spring's DatabaseClient. */
package com.quota.pipeline.persistence;
