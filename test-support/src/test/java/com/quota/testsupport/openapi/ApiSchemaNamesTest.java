package com.quota.testsupport.openapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSchemaNamesTest {

    @Test
    void twoNestedTypesOfTheSameSimpleNameReachableFromTwoControllersCollide() {
        assertThat(ApiSchemaNames.collisions("com.quota.testsupport.openapi.fixture"))
                .containsOnlyKeys("LevelView")
                .containsEntry("LevelView", java.util.Set.of(
                        "com.quota.testsupport.openapi.fixture.DealsController$LevelView",
                        "com.quota.testsupport.openapi.fixture.TargetsController$LevelView"));
    }

    @Test
    void aPackageWithoutControllersHasNoCollisions() {
        assertThat(ApiSchemaNames.collisions("com.quota.testsupport.openapi.nothing")).isEmpty();
    }
}
