package dev.gatehouse.authenticators;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The authenticators' packages, one per Keycloak surface, checked on the compiled classes on every
 * build: no two packages depend on each other, and the shared parent knows none of the surfaces.
 */
@AnalyzeClasses(packages = "dev.gatehouse.authenticators", importOptions = ImportOption.DoNotIncludeTests.class)
class AuthenticatorPackagesTest {

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedParent = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.authenticators")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.authenticators.*..");
}
