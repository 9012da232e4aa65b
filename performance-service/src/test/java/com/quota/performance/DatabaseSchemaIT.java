package com.quota.performance;

import com.quota.testsupport.service.AuditedServiceDatabaseSchemaContract;

/** Flyway ran at start: the baseline tables (plan changes are audited) and messaging-support's outbox/inbox exist, and their keys hold. */
class DatabaseSchemaIT extends AbstractPerformanceServiceIT implements AuditedServiceDatabaseSchemaContract {

    @Override
    public boolean audits() {
        return true;
    }
}
