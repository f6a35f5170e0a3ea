package dev.gatehouse.rest;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.gatehouse.PackageRules;

/**
 * The endpoints' packages (admin, legacy API, account, pages, team, the realm resource root),
 * checked on the compiled classes on every build: no two packages depend on each other, and the
 * shared helpers in the parent know none of the endpoints.
 */
@AnalyzeClasses(packages = "dev.gatehouse.rest", importOptions = ImportOption.DoNotIncludeTests.class)
class RestPackagesTest {

    @ArchTest
    static final ArchRule noPackageCycles = PackageRules.noPackageCycles();

    @ArchTest
    static final ArchRule sharedParent = PackageRules.sharedParent("dev.gatehouse.rest");
}
