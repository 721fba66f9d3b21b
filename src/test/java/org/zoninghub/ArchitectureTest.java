package org.zoninghub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package rules of the README's architecture section, each saying how to fix a violation. Every rule is checked
 * twice: against the hub's classes (it must hold) and against a fixture class of the test sources that breaks it (it
 * must fail), so that no rule passes vacuously.
 */
class ArchitectureTest {

    private static final String ROOT = "org.zoninghub";

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static final ArchRule CORE_DEPENDS_ON_NOTHING_ELSE = noClasses()
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
                    "org.zoninghub.web..",
                    "org.zoninghub.platform..")
            .because("zoning and spatial are the plain-Java core every capability builds on; move the"
                    + " dependent code into the capability that needs it");

    static final ArchRule CORE_USES_NEITHER_SPRING_NOR_CAMEL = noClasses()
            .that()
            .resideInAnyPackage("org.zoninghub.zoning..", "org.zoninghub.spatial..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.apache.camel..")
            .because("the core is plain Java; wire it in the capability package that uses it");

    static final ArchRule ONLY_CAMEL_SUB_PACKAGES_IMPORT_CAMEL = noClasses()
            .that()
            .resideOutsideOfPackage("..camel..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.camel..")
            .because("routes call plain beans that take domain types; put Camel glue in <capability>.camel");

    static final ArchRule STORE_KNOWS_NOTHING_OF_ITS_CALLERS = noClasses()
            .that()
            .resideInAPackage("org.zoninghub.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.zoninghub.sync..",
                    "org.zoninghub.publish..",
                    "org.zoninghub.api..",
                    "org.zoninghub.admin..",
                    "org.zoninghub.web..",
                    "org.zoninghub.platform..")
            .because("data flows sync -> store -> publish/api; a store class that needs a caller's type"
                    + " should take a store type instead, or declare an interface the caller implements"
                    + " (as Announcements.Follower does for the subscriber feeds)");

    static final ArchRule SYNC_NEVER_DEPENDS_ON_PUBLISH_OR_HTTP = noClasses()
            .that()
            .resideInAPackage("org.zoninghub.sync..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.zoninghub.publish..", "org.zoninghub.api..", "org.zoninghub.admin..", "org.zoninghub.web..")
            .because("sync writes changes and their events to the store (store.Announcements, in the change's"
                    + " transaction); publish only reads the outbox. Use the store facade, never a publish type");

    static final ArchRule ADMIN_AND_API_DO_NOT_USE_EACH_OTHER = noClasses()
            .that()
            .resideInAPackage("org.zoninghub.admin..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.zoninghub.api..")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.zoninghub.platform..")
            .because("admin and api share their HTTP helpers (problem+json, asOf, path ids) from org.zoninghub.web;"
                    + " move a helper both need there");

    static final ArchRule WEB_HELPERS_KNOW_NO_CONTROLLER = noClasses()
            .that()
            .resideInAPackage("org.zoninghub.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.zoninghub.api..", "org.zoninghub.admin..", "org.zoninghub.platform..")
            .because("web holds what api and admin share; a helper that needs a controller's type belongs in"
                    + " that controller's package");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.zoninghub.(**)")
            .should()
            .beFreeOfCycles()
            .because("data flows one way (sync -> zoning -> store -> publish/api); break a cycle by moving the"
                    + " shared type to the lower package or by an interface the lower package declares");

    static Object[][] rules() {
        return new Object[][] {
            {"core depends on nothing else", CORE_DEPENDS_ON_NOTHING_ELSE, "zoning.ArchitectureViolationZoning"},
            {
                "core uses neither Spring nor Camel",
                CORE_USES_NEITHER_SPRING_NOR_CAMEL,
                "zoning.ArchitectureViolationZoning"
            },
            {
                "only camel sub-packages import Camel",
                ONLY_CAMEL_SUB_PACKAGES_IMPORT_CAMEL,
                "sync.ArchitectureViolationSync"
            },
            {
                "store knows nothing of its callers",
                STORE_KNOWS_NOTHING_OF_ITS_CALLERS,
                "store.ArchitectureViolationStore"
            },
            {
                "sync never depends on publish or HTTP",
                SYNC_NEVER_DEPENDS_ON_PUBLISH_OR_HTTP,
                "sync.ArchitectureViolationSync"
            },
            {
                "admin and api do not use each other",
                ADMIN_AND_API_DO_NOT_USE_EACH_OTHER,
                "admin.ArchitectureViolationAdmin"
            },
            {"web helpers know no controller", WEB_HELPERS_KNOW_NO_CONTROLLER, "web.ArchitectureViolationWeb"},
            {"no package cycles", NO_PACKAGE_CYCLES, "archfixture.cycle.a.CycleA,archfixture.cycle.b.CycleB"},
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRuleHoldsForTheHub(String name, ArchRule rule, String fixtures) {
        rule.check(classes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRuleCatchesAClassThatBreaksIt(String name, ArchRule rule, String fixtures) throws ClassNotFoundException {
        Class<?>[] broken = Arrays.stream(fixtures.split(","))
                .map(n -> {
                    try {
                        return Class.forName(ROOT + "." + n);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(Class<?>[]::new);
        JavaClasses fixtureClasses = new ClassFileImporter().importClasses(broken);
        assertThatThrownBy(() -> rule.check(fixtureClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(broken[0].getSimpleName());
    }

    /**
     * The README's table "capability → may use" is the dependencies of the code, exactly: every capability uses each
     * capability it lists and no other (sub-packages count as their capability).
     */
    @Test
    void theReadmeTableIsTheCodesDependencies() throws IOException {
        Map<String, Set<String>> documented = readmeTable();
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = capability(c.getPackageName());
            if (from == null) {
                continue;
            }
            actual.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = capability(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    actual.get(from).add(to);
                }
            }
        }
        assertThat(documented)
                .as("README \"Architecture\" table (capability → may use); the code's dependencies are %s", actual)
                .isEqualTo(actual);
    }

    /** The top-level capability of a package of ours ({@code org.zoninghub.sync.files} → {@code sync}). */
    private static String capability(String pkg) {
        if (!pkg.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static Map<String, Set<String>> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("| capability | may use |");
        assertThat(start)
                .as("README has the table \"| capability | may use |\"")
                .isNotNegative();
        Map<String, Set<String>> table = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `(\\w+)` \\| ([^|]*)\\|");
        for (String line : readme.substring(start).lines().skip(2).toList()) {
            Matcher m = row.matcher(line);
            if (!m.find()) {
                break;
            }
            Set<String> uses = Arrays.stream(m.group(2).split(","))
                    .map(s -> s.replace("`", "").strip())
                    .filter(s -> !s.isEmpty() && !s.equals("–"))
                    .collect(Collectors.toCollection(TreeSet::new));
            table.put(m.group(1), uses);
        }
        return table;
    }
}
