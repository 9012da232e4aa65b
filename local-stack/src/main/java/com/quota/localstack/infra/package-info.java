/** Local infrastructure without Docker: embedded PostgreSQL 17, a real KRaft broker process, topics, ports and processes. */
package com.quota.localstack.infra;
