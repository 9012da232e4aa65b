package com.quota.pipeline;

import com.quota.testsupport.service.AuditedServiceDatabaseSchemaContract;

/**
 * Flyway ran at start: the baseline tables and messaging-support's outbox/inbox exist, and their keys hold; the service
 * audits (opportunities, activities, accounts, pipelines, pool rules, FX rates), so api-conventions' audit trail keeps
 * before and after as JSON.
 */
class DatabaseSchemaIT extends AbstractPipelineServiceIT implements AuditedServiceDatabaseSchemaContract {
}
