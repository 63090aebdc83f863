package dev.hearth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fences that keep the request chain testable in memory: the core (canonical model, routing, dispatch, the
 * pipeline, backends, keys and audit) knows no server, no HTTP client, no JSON library, no database and no concrete
 * protocol.
 */
class LayeringTest {
    private static final String[] CORE = {"dev.hearth.model..", "dev.hearth.error..", "dev.hearth.routing..",
        "dev.hearth.dispatch..", "dev.hearth.pipeline..", "dev.hearth.backend..", "dev.hearth.tokens..",
        "dev.hearth.auth..", "dev.hearth.audit..", "dev.hearth.limits.."};

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hearth");
    }

    @Test
    void theCoreKnowsNoServerHttpClientOrJsonLibrary() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.fasterxml..", "io.netty..", "io.lettuce..")
                .check(classes);
    }

    @Test
    void theCoreKnowsNoDialectNoProtocolAndNoCompositionRoot() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.ingress..", "dev.hearth.server..",
                        "dev.hearth.cli..", "dev.hearth.provider.(*)..")
                .check(classes);
    }

    @Test
    void theCoreKnowsNoDatabaseSoKeysAndAuditAreTestableInMemory() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "dev.hearth.store..",
                        "org.flywaydb..", "com.zaxxer..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void dialectsAndProtocolsDoNotKnowEachOther() {
        noClasses().that().resideInAnyPackage("dev.hearth.ingress..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.provider.(*)..", "dev.hearth.server..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.hearth.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.ingress..", "dev.hearth.server..")
                .check(classes);
    }
}
