package org.zoninghub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, each saying how to fix a violation. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.zoninghub");
    }

    @Test
    void theDomainCoreAndSpatialDependOnNothingElseOfOurs() {
        noClasses()
                .that()
                .resideInAnyPackage("org.zoninghub.zoning..", "org.zoninghub.spatial..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.zoninghub.store..",
                        "org.zoninghub.sync..",
                        "org.zoninghub.publish..",
                        "org.zoninghub.api..",
                        "org.zoninghub.admin..",
                        "org.zoninghub.platform..")
                .because("zoning and spatial are the plain-Java core every capability builds on; move the"
                        + " dependent code into the capability that needs it")
                .check(classes);
    }

    @Test
    void theDomainCoreAndSpatialUseNeitherSpringNorCamel() {
        noClasses()
                .that()
                .resideInAnyPackage("org.zoninghub.zoning..", "org.zoninghub.spatial..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.camel..")
                .because("the core is plain Java; wire it in the capability package that uses it")
                .check(classes);
    }

    @Test
    void onlyCamelSubPackagesImportCamel() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..camel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..")
                .because("routes call plain beans that take domain types; put Camel glue in <capability>.camel")
                .check(classes);
    }

    @Test
    void theStoreKnowsNothingOfItsCallers() {
        noClasses()
                .that()
                .resideInAPackage("org.zoninghub.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.zoninghub.sync..",
                        "org.zoninghub.publish..",
                        "org.zoninghub.api..",
                        "org.zoninghub.admin..")
                .because("data flows sync -> store -> publish/api; a store class that needs a caller's type"
                        + " should take a store type instead")
                .check(classes);
    }
}
