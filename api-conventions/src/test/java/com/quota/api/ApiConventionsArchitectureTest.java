package com.quota.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ApiConventionsArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.quota.api");

    @Test
    void theLibraryNeverDependsOnTestOrLocalStackCode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.quota.localstack..", "com.quota.testsupport..")
                .check(MAIN);
    }

    @Test
    void idsArePlainJava() {
        noClasses().that().haveSimpleName("Ids").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "io.r2dbc..").check(MAIN);
    }

    @Test
    void noProductionCodeSleepsToWaitForSomething() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class).check(MAIN);
    }
}
