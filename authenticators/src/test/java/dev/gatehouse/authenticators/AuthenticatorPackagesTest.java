package dev.gatehouse.authenticators;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.gatehouse.PackageRules;

/**
 * The authenticators' packages, one per Keycloak surface, checked on the compiled classes on every
 * build: no two packages depend on each other, and the shared parent knows none of the surfaces.
 */
@AnalyzeClasses(packages = "dev.gatehouse.authenticators", importOptions = ImportOption.DoNotIncludeTests.class)
class AuthenticatorPackagesTest {

    @ArchTest
    static final ArchRule noPackageCycles = PackageRules.noPackageCycles();

    @ArchTest
    static final ArchRule sharedParent = PackageRules.sharedParent("dev.gatehouse.authenticators");
}
