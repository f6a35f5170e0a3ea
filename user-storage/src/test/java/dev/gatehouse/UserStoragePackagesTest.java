package dev.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of the account store, checked on the compiled classes on every build: no
 * two packages depend on each other, the domain is plain Java, and nothing but the scheduler's own
 * package reaches the jobs.
 */
@AnalyzeClasses(packages = "dev.gatehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class UserStoragePackagesTest {

    @ArchTest
    static final ArchRule noPackageCycles = PackageRules.noPackageCycles();

    @ArchTest
    static final ArchRule plainDomain = classes()
            .that()
            .resideInAPackage("dev.gatehouse.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.gatehouse.domain..", "com.ibm.icu..")
            .because("the domain holds the policy every path asks, without Keycloak, JDBC or the store");

    @ArchTest
    static final ArchRule storeBelowKeycloakSide = noClasses()
            .that()
            .resideInAnyPackage("dev.gatehouse.domain..", "dev.gatehouse.store..", "dev.gatehouse.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.gatehouse.federation..", "dev.gatehouse.support..", "dev.gatehouse.jobs..");

    @ArchTest
    static final ArchRule jobsOnTop = noClasses()
            .that()
            .resideOutsideOfPackage("dev.gatehouse.jobs..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.jobs..")
            .because("the scheduled jobs have one owner of their schedule, GatehouseJobsFactory");
}
