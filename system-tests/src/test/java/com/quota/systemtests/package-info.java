/** The whole product as processes (embedded PostgreSQL, a real Kafka broker, six apps), driven through the gateway. */
package com.quota.systemtests;
