package com.quota.testsupport.service;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shape of a service: a framework-free domain, HTTP only at the edge, no other service's code. The rules cover
 * the package of the service's application class; a plain unit test, no Spring context.
 */
public interface ServiceArchitectureContract {

    /** The base packages of every deployable; a service may use none of the others'. */
    List<String> SERVICE_PACKAGES = List.of(
            "com.quota.targets", "com.quota.pipeline", "com.quota.contract", "com.quota.performance", "com.quota.gateway");

    /** The packages where framework code may live; everything else in a service is its domain. */
    String[] FRAMEWORK_PACKAGES = {"..web..", "..config..", "..integration..", "..persistence..", "..application.."};

    /** The service's {@code @SpringBootApplication}; its package is the one the rules cover. */
    Class<?> applicationClass();

    /** A production package below the base package that must be imported, proving the rules see the real classes. */
    String knownProductionPackage();

    /** A test class in the service's domain that uses HTTP types: the domain rule must reject it. */
    Class<?> leakyDomainFixture();

    private String basePackage() {
        return applicationClass().getPackageName();
    }

    private JavaClasses production() {
        return ProductionClasses.of(basePackage());
    }

    private ArchRule domainIsFreeOfHttp() {
        return noClasses()
                .that().resideInAPackage(basePackage() + "..")
                .and().resideOutsideOfPackages("..web..", "..config..", "..integration..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..")
                .because("the domain model is plain Java; HTTP belongs in web/")
                .allowEmptyShould(false);
    }

    /**
     * The domain model is plain Java: what needs Spring or R2DBC lives in application/, persistence/, web/,
     * integration/ or config/ (see docs/service-anatomy.md).
     */
    private ArchRule domainIsFreeOfSpringAndR2dbc() {
        return noClasses()
                .that().resideInAPackage(basePackage() + "..")
                .and().resideOutsideOfPackages(FRAMEWORK_PACKAGES)
                .and().doNotHaveFullyQualifiedName(applicationClass().getName())
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..",
                        "org.springframework.data.relational..", "tools.jackson.databind.annotation..",
                        "com.fasterxml.jackson.annotation..")
                .because("the domain model is plain Java; Spring and R2DBC belong in application/, persistence/, web/, "
                        + "integration/ and config/")
                // a service without a domain yet has nothing to check; the fixture test proves the rule can fail
                .allowEmptyShould(true);
    }

    private ArchRule onlyWebAndConfigKnowWeb() {
        return noClasses()
                .that().resideInAPackage(basePackage() + "..")
                .and().resideOutsideOfPackages("..web..", "..config..")
                .should().dependOnClassesThat().resideInAPackage(basePackage() + "..web..")
                .because("controllers call use cases, never the other way round")
                .allowEmptyShould(false);
    }

    private ArchRule noOtherService() {
        assertThat(SERVICE_PACKAGES).as("known service packages").contains(basePackage());
        return noClasses()
                .that().resideInAPackage(basePackage() + "..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGES.stream()
                        .filter(pkg -> !pkg.equals(basePackage())).map(pkg -> pkg + "..").toArray(String[]::new))
                .because("data from another service arrives as events, never as its classes")
                .allowEmptyShould(false);
    }

    @Test
    default void domainDoesNotDependOnHttpOrWebTypes() {
        domainIsFreeOfHttp().check(production());
    }

    @Test
    default void domainDoesNotDependOnSpringOrR2dbc() {
        domainIsFreeOfSpringAndR2dbc().check(production());
    }

    @Test
    default void domainRuleRejectsAClassThatUsesSpringOrR2dbc() {
        JavaClasses leaky = new ClassFileImporter().importClasses(leakyDomainFixture());
        assertThatThrownBy(() -> domainIsFreeOfSpringAndR2dbc().check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(leakyDomainFixture().getName());
    }

    @Test
    default void onlyWebAndConfigDependOnWebPackages() {
        onlyWebAndConfigKnowWeb().check(production());
    }

    @Test
    default void noClassUsesAnotherServicesCode() {
        noOtherService().check(production());
    }

    @Test
    default void theRulesSeeTheRealClasses() {
        assertThat(production().contain(applicationClass())).isTrue();
        assertThat(production().containPackage(knownProductionPackage())).isTrue();
    }

    @Test
    default void domainRuleRejectsAClassThatUsesHttpTypes() {
        JavaClasses leaky = new ClassFileImporter().importClasses(leakyDomainFixture());
        assertThatThrownBy(() -> domainIsFreeOfHttp().check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(leakyDomainFixture().getName())
                .hasMessageContaining("org.springframework.http.HttpStatus");
    }
}
