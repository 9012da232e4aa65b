package com.quota.contract;

import com.quota.contract.archfixture.LeakyDomainFixture;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shape of contract-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.quota.contract");

    static final ArchRule DOMAIN_IS_FREE_OF_HTTP = noClasses()
            .that().resideInAPackage("com.quota.contract..")
            .and().resideOutsideOfPackages("..web..", "..config..", "..integration..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..")
            .because("the domain model is plain Java; HTTP belongs in web/")
            .allowEmptyShould(false);

    static final ArchRule ONLY_WEB_AND_CONFIG_KNOW_WEB = noClasses()
            .that().resideInAPackage("com.quota.contract..")
            .and().resideOutsideOfPackages("..web..", "..config..")
            .should().dependOnClassesThat().resideInAPackage("com.quota.contract..web..")
            .because("controllers call use cases, never the other way round")
            .allowEmptyShould(false);

    static final ArchRule NO_OTHER_SERVICE = noClasses()
            .that().resideInAPackage("com.quota.contract..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.quota.target..", "com.quota.pipeline..", "com.quota.performance..", "com.quota.gateway..")
            .because("data from another service arrives as events, never as its classes")
            .allowEmptyShould(false);

    @Test
    void domainDoesNotDependOnHttpOrWebTypes() {
        DOMAIN_IS_FREE_OF_HTTP.check(PRODUCTION);
    }

    @Test
    void onlyWebAndConfigDependOnWebPackages() {
        ONLY_WEB_AND_CONFIG_KNOW_WEB.check(PRODUCTION);
    }

    @Test
    void noClassUsesAnotherServicesCode() {
        NO_OTHER_SERVICE.check(PRODUCTION);
    }

    @Test
    void theRulesSeeTheRealClasses() {
        assertThat(PRODUCTION.contain(ContractServiceApplication.class)).isTrue();
        assertThat(PRODUCTION.containPackage("com.quota.contract.config")).isTrue();
    }

    @Test
    void domainRuleRejectsAClassThatUsesHttpTypes() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyDomainFixture.class);
        assertThatThrownBy(() -> DOMAIN_IS_FREE_OF_HTTP.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(LeakyDomainFixture.class.getName())
                .hasMessageContaining("org.springframework.http.HttpStatus");
    }
}
