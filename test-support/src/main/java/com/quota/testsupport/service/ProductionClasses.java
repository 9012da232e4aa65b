package com.quota.testsupport.service;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A service's production classes (no test classes), imported once per JVM for all its architecture tests. */
final class ProductionClasses {

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private ProductionClasses() {
    }

    static JavaClasses of(String basePackage) {
        return IMPORTED.computeIfAbsent(basePackage, pkg -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(pkg));
    }
}
