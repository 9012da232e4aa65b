package com.quota.testsupport.service;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that keeps an audit trail: everything {@link ServiceDatabaseSchemaContract} checks, plus that api-conventions' audit table keeps before/after state as JSON. */
public interface AuditedServiceDatabaseSchemaContract extends ServiceDatabaseSchemaContract {

    @Override
    default boolean audits() {
        return true;
    }

    @Test
    default void anAuditEntryKeepsTheStateBeforeAndAfterAsJson(@Autowired DatabaseClient db) {
        UUID id = UUID.randomUUID();
        UUID entity = UUID.randomUUID();
        db.sql("""
                insert into audit_entry (id, occurred_at, actor, action, reason, entity_type, entity_id, before_state, after_state)
                values (:id, now(), 'director-1', 'ThingRevised', 'Q3 reforecast', 'thing', :entity,
                        '{"amount": "100.00"}'::jsonb, '{"amount": "120.00"}'::jsonb)""")
                .bind("id", id).bind("entity", entity).fetch().rowsUpdated().block();
        String after = db.sql("select after_state ->> 'amount' as amount from audit_entry where entity_type = 'thing' and entity_id = :entity")
                .bind("entity", entity).map(row -> row.get("amount", String.class)).one().block();
        assertThat(after).isEqualTo("120.00");
    }
}
