package com.quota.performance;

import com.quota.testsupport.service.ServiceDatabaseSchemaContract;

/** Flyway ran at start: the baseline tables (no audit trail) and messaging-support's outbox/inbox exist, and their keys hold. */
class DatabaseSchemaIT extends AbstractPerformanceServiceIT implements ServiceDatabaseSchemaContract {

    @Override
    public boolean audits() {
        return false;
    }
}
