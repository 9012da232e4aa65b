package com.quota.contract;

import com.quota.testsupport.openapi.ApiSchemaNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type of the API gets a schema name of its own in the OpenAPI document (springdoc names by simple name). */
class ApiSchemaNamesTest {

    @Test
    void noTwoApiTypesShareASchemaName() {
        assertThat(ApiSchemaNames.collisions("com.quota.contract")).isEmpty();
    }
}
