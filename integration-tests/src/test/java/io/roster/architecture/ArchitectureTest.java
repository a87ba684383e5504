package io.roster.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.Slice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the source tree, written down as rules that run with the tests (issue 13, "a tree that explains
 * itself"). They read the compiled production classes of every module; test classes and the fixtures under
 * {@code io.roster.archfixture} are not part of that import.
 *
 * <p>Lives in integration-tests, the one module with every other module on its test classpath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    /** A Maven module and the root package everything in it lives under. */
    enum Module {
        COMMON("common", "io.roster.common.."),
        TESTKIT("testkit", "io.roster.testkit.."),
        META_RAFT("meta-raft", "io.roster.meta.."),
        DATA_STORE("data-store", "io.roster.datastore.."),
        SESSION_GATEWAY("session-gateway", "io.roster.session.."),
        CLIENT("client", "io.roster.client.."),
        CHAOS("chaos", "io.roster.chaos.."),
        TOOLS("tools", "io.roster.tools..");

        final String artifact;
        final String packages;

        Module(String artifact, String packages) {
            this.artifact = artifact;
            this.packages = packages;
        }
    }

    /**
     * No package imports itself back, at full package granularity: every package is its own slice, so a parent and
     * its subpackage that import each other are a cycle too. Protects the reading order of the tree: any package can
     * be understood (and tested, and moved) from the packages below it, never from one that also needs it.
     */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.roster.(**)").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("a package must be understandable from the packages it uses, without the ones that use it");

    /**
     * Inside tools, the four command families (the server launcher, the admin CLI, the benchmarks and the chaos runner)
     * never import each other sideways. What they share lives in lower packages (io.roster.tools.cluster,
     * io.roster.tools.options, ...); only the root package io.roster.tools (the entry point) sees all of them.
     * Protects each family from changing when another one does.
     */
    static final ArchRule TOOLS_COMMAND_FAMILIES_ARE_INDEPENDENT = slices().matching("io.roster.tools.(*)..")
            .namingSlices("tools.$1")
            .that(namedOneOf("server", "cli", "bench", "chaos"))
            .should().notDependOnEachOther()
            .because("shared code belongs in a lower tools package, not in a sibling command family");

    /**
     * common is the bottom of the module graph: wire types, the model, the heartbeat, the pure cluster view. It
     * depends on no other roster module, so every role can use it without pulling in another role.
     */
    static final ArchRule COMMON_IS_THE_BOTTOM = mayOnlyUse(Module.COMMON);

    /**
     * The three server roles and the client library each see only common: a role never links against another role's
     * code (they talk over the wire), and the client library a user embeds carries no server code.
     */
    static final ArchRule META_RAFT_USES_ONLY_COMMON = mayOnlyUse(Module.META_RAFT, Module.COMMON);
    static final ArchRule DATA_STORE_USES_ONLY_COMMON = mayOnlyUse(Module.DATA_STORE, Module.COMMON);
    static final ArchRule SESSION_GATEWAY_USES_ONLY_COMMON = mayOnlyUse(Module.SESSION_GATEWAY, Module.COMMON);
    static final ArchRule CLIENT_USES_ONLY_COMMON = mayOnlyUse(Module.CLIENT, Module.COMMON);

    /**
     * The test kit sits just above common so that every module's tests can use it: it may not reach into a role or the
     * client, or those modules' own tests could not depend on it.
     */
    static final ArchRule TESTKIT_USES_ONLY_COMMON = mayOnlyUse(Module.TESTKIT, Module.COMMON);

    /**
     * The chaos checker drives a cluster only the way users do, through the client: it may use common and client,
     * never a server role's internals (which would let it check what the code does instead of what users see).
     */
    static final ArchRule CHAOS_USES_ONLY_COMMON_AND_CLIENT = mayOnlyUse(Module.CHAOS, Module.COMMON, Module.CLIENT);

    private JavaClasses production;

    @BeforeAll
    void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.roster");
    }

    @Test
    void packagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void commonDependsOnNoOtherRosterModule() {
        COMMON_IS_THE_BOTTOM.check(production);
    }

    @Test
    void metaRaftDependsOnlyOnCommon() {
        META_RAFT_USES_ONLY_COMMON.check(production);
    }

    @Test
    void dataStoreDependsOnlyOnCommon() {
        DATA_STORE_USES_ONLY_COMMON.check(production);
    }

    @Test
    void sessionGatewayDependsOnlyOnCommon() {
        SESSION_GATEWAY_USES_ONLY_COMMON.check(production);
    }

    @Test
    void clientDependsOnlyOnCommon() {
        CLIENT_USES_ONLY_COMMON.check(production);
    }

    @Test
    void testkitDependsOnlyOnCommon() {
        TESTKIT_USES_ONLY_COMMON.check(production);
    }

    @Test
    void chaosDependsOnlyOnCommonAndClient() {
        CHAOS_USES_ONLY_COMMON_AND_CLIENT.check(production);
    }

    @Test
    void toolsCommandFamiliesDoNotImportEachOther() {
        TOOLS_COMMAND_FAMILIES_ARE_INDEPENDENT.check(production);
    }

    /** The rules above would pass vacuously on an empty or partial import; make sure they see the whole tree, and only it. */
    @Test
    void theImportHoldsEveryModuleAndNoTestCode() {
        for (Module module : Module.values()) {
            assertThat(production.that(resideInAPackage(module.packages))).as(module.artifact).isNotEmpty();
        }
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
        assertThat(production.that(resideInAPackage("io.roster.archfixture.."))).isEmpty();
    }

    /**
     * The cycle rule catches a real cycle: the fixture packages io.roster.archfixture.ping and .pong import each
     * other. They are imported on their own here (the production import above leaves test code out), and checked
     * with the very same rule object.
     */
    @Test
    void theCycleRuleReportsADeliberateCycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.roster.archfixture");
        assertThat(fixture).isNotEmpty();

        EvaluationResult result = NO_PACKAGE_CYCLES.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().satisfies(cycle -> assertThat(cycle)
                .startsWith("Cycle detected: archfixture.ping -> ")
                .contains("archfixture.pong -> ", "Ping.answer()", "Pong.answer()"));
    }

    /** {@code module} depends on no roster package outside itself and {@code allowed}. */
    private static ArchRule mayOnlyUse(Module module, Module... allowed) {
        Set<Module> permitted = EnumSet.of(module, allowed);
        String[] permittedPackages = permitted.stream().map(m -> m.packages).toArray(String[]::new);
        DescribedPredicate<JavaClass> otherRosterModule = resideInAPackage("io.roster..")
                .and(resideOutsideOfPackages(permittedPackages))
                .as("another roster module");
        String allowedNames = allowed.length == 0 ? "no other roster module"
                : Arrays.stream(allowed).map(m -> m.artifact).collect(Collectors.joining(" and ", "only ", ""));
        return noClasses().that().resideInAPackage(module.packages)
                .should().dependOnClassesThat(otherRosterModule)
                .as(module.artifact + " depends on " + allowedNames);
    }

    private static DescribedPredicate<Slice> namedOneOf(String... names) {
        List<String> wanted = List.of(names);
        return DescribedPredicate.describe("are tools." + String.join(", tools.", names),
                slice -> wanted.contains(slice.getNamePart(1)));
    }
}
