package com.quota.orgdirectory;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The tree core and the state records stay plain Java; the library never reaches into test code. */
class OrgDirectoryArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("com.quota.orgdirectory");

    @Test
    void theTreeCoreAndStateRecordsAreFreeOfSpringR2dbcAndReactor() {
        noClasses().that().resideInAPackage("..orgdirectory.tree..")
                .or().haveSimpleNameEndingWith("State").or().haveSimpleNameEndingWith("Period")
                .or().haveSimpleName("OrgUnit").or().haveSimpleName("OrgRep")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..", "reactor..")
                .check(MAIN);
    }

    @Test
    void theLibraryNeverDependsOnTestOrLocalStackCode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.quota.localstack..", "com.quota.testsupport..")
                .check(MAIN);
    }
}
