package dev.hearth.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The privacy core is plain Java: no server, no JSON library, no CLI, so the request path can run it anywhere and
 * tests run it in memory. Reading and writing JSON Lines belongs to {@code dev.hearth.cli}.
 */
class PrivacyLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hearth.privacy");

    @Test
    void privacyKnowsNoServerJsonLibraryOrCommandLine() {
        noClasses().that().resideInAPackage("dev.hearth.privacy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "com.fasterxml..",
                        "picocli..", "dev.hearth.cli..", "dev.hearth.server..", "dev.hearth.json..")
                .check(CLASSES);
    }
}
