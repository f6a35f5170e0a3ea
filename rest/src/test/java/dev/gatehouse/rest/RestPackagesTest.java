package dev.gatehouse.rest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The endpoints' packages (admin, legacy API, account, pages, team, the realm resource root),
 * checked on the compiled classes on every build: no two packages depend on each other, and the
 * shared helpers in the parent know none of the endpoints.
 */
@AnalyzeClasses(packages = "dev.gatehouse.rest", importOptions = ImportOption.DoNotIncludeTests.class)
class RestPackagesTest {

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedParent = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.rest")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.rest.*..");
}
