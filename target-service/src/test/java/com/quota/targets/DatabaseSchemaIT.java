package com.quota.targets;

import com.quota.testsupport.service.AuditedServiceDatabaseSchemaContract;

/** Flyway ran at start: the baseline tables (with the audit trail) and messaging-support's outbox/inbox exist, and their keys hold. */
class DatabaseSchemaIT extends AbstractTargetServiceIT implements AuditedServiceDatabaseSchemaContract {
}
