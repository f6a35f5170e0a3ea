package dev.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules every module's {@code *PackagesTest} applies to its compiled classes (shared
 * through this module's test-jar).
 */
public final class PackageRules {

    private PackageRules() {}

    /** No two packages below {@code dev.gatehouse} depend on each other, directly or in a ring. */
    public static ArchRule noPackageCycles() {
        return slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles();
    }

    /** The classes of {@code parent} itself, its shared helpers, know none of its subpackages. */
    public static ArchRule sharedParent(String parent) {
        return noClasses()
                .that()
                .resideInAPackage(parent)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(parent + ".*..")
                .because("the helpers in " + parent + " are shared by its subpackages, which it must not know");
    }
}
