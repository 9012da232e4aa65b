package com.quota.messaging;

import org.junit.jupiter.api.Test;

import static com.quota.messaging.MessagingAutoConfiguration.MessagingSchemaInitializer.jdbcUrlOf;
import static org.assertj.core.api.Assertions.assertThat;

class MessagingSchemaUrlTest {

    @Test
    void derivesTheJdbcUrlFromTheR2dbcUrlWhenNoFlywayUrlIsSet() {
        assertThat(jdbcUrlOf("r2dbc:postgresql://localhost:5433/pipeline")).isEqualTo("jdbc:postgresql://localhost:5433/pipeline");
        assertThat(jdbcUrlOf("r2dbc:pool:postgresql://db:5432/target?sslmode=require")).isEqualTo("jdbc:postgresql://db:5432/target?sslmode=require");
        assertThat(jdbcUrlOf("jdbc:postgresql://x/y")).isNull();
        assertThat(jdbcUrlOf(null)).isNull();
    }
}
