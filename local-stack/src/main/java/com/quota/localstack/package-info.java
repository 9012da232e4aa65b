/** The no-Docker local runner ({@code ./quota}): {@link com.quota.localstack.LocalStackRunner} starts PostgreSQL, Kafka and the six apps; reusable by system tests. */
package com.quota.localstack;
