/** The use cases of contract-service: scope, version check, the aggregate's decision, save + outbox + audit in one transaction. */
package com.quota.contract.application;
