package io.roster.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's place in the module graph (integration-tests' ArchitectureTest does not see it: Spring is not on
 * that module's classpath): like an application, it uses Roster only through the SDK (client, and common's values),
 * never a server role; and its packages have no cycles.
 */
class StarterArchitectureTest {
    /** The starter's own classes directory or jar only: scanning the whole classpath for the package takes ~20 s. */
    private final JavaClasses starter = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(RosterClientAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void usesRosterOnlyThroughTheClientAndCommon() {
        assertThat(starter).isNotEmpty();
        noClasses().that().resideInAPackage("io.roster.spring..")
                .should().dependOnClassesThat().resideInAnyPackage("io.roster.meta..", "io.roster.datastore..",
                        "io.roster.session..", "io.roster.tools..", "io.roster.chaos..", "io.roster.testkit..")
                .check(starter);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.roster.spring.(**)").should().beFreeOfCycles().check(starter);
    }
}
