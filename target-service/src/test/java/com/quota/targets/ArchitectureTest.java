package com.quota.targets;

import com.quota.targets.archfixture.LeakyDomainFixture;
import com.quota.testsupport.service.ServiceArchitectureContract;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The shape of target-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest implements ServiceArchitectureContract {

    /** The pure domain packages: allocation, distribution and the target model know no Spring and no R2DBC. */
    private static final String[] DOMAIN = {"com.quota.targets.allocation", "com.quota.targets.distribution",
            "com.quota.targets.target", "com.quota.targets.org"};

    @Override
    public Class<?> applicationClass() {
        return TargetServiceApplication.class;
    }

    @Override
    public String knownProductionPackage() {
        return "com.quota.targets.identity.web";
    }

    @Override
    public Class<?> leakyDomainFixture() {
        return LeakyDomainFixture.class;
    }

    @Test
    void domainModelIsFreeOfSpringAndR2dbc() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.quota.targets");
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..", "reactor..")
                .because("the domain model is plain Java, tested without Spring")
                .allowEmptyShould(false)
                .check(production);
    }
}
