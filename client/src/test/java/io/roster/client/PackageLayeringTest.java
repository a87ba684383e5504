package io.roster.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's package rule, read from the main sources: the implementation packages (session, registry, push) never
 * refer to the API package io.roster.client, and no two client packages depend on each other in a cycle. So the
 * public surface is one package, and a new class goes where its imports allow.
 */
class PackageLayeringTest {
    private static final String ROOT = "io.roster.client";
    private static final Path SOURCES = Path.of("src/main/java/io/roster/client");
    /** A reference to a client type: a package path, then a class name. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.roster\\.client((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void implementationPackagesNeverReferToTheApiPackage() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies).containsKeys(ROOT + ".session", ROOT + ".registry", ROOT + ".push");
        dependencies.forEach((pkg, uses) -> {
            if (!pkg.equals(ROOT)) {
                assertThat(uses).as(pkg + " refers to the API package").doesNotContain(ROOT);
            }
        });
    }

    @Test
    void theClientPackagesHaveNoCycle() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        for (String start : dependencies.keySet()) {
            assertThat(reachable(start, dependencies)).as("packages reachable from " + start + " " + dependencies)
                    .doesNotContain(start);
        }
    }

    /** Each client package to the client packages its code (not its comments) refers to. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = ROOT + packagePath(SOURCES.relativize(file.getParent()));
                Set<String> uses = dependencies.computeIfAbsent(pkg, p -> new TreeSet<>());
                for (String line : codeLines(file)) {
                    Matcher m = REFERENCE.matcher(line);
                    while (m.find()) {
                        String used = ROOT + m.group(1);
                        if (!used.equals(pkg)) {
                            uses.add(used);
                        }
                    }
                }
            }
        }
        return dependencies;
    }

    private static String packagePath(Path relative) {
        String path = relative.toString().replace('/', '.').replace('\\', '.');
        return path.isEmpty() ? "" : "." + path;
    }

    /** The file's lines without comments (javadoc links to the API are fine) and without its package line. */
    private static List<String> codeLines(Path file) throws IOException {
        List<String> code = new ArrayList<>();
        boolean inComment = false;
        for (String line : Files.readAllLines(file)) {
            String text = line.trim();
            if (inComment) {
                inComment = !text.contains("*/");
                continue;
            }
            if (text.startsWith("/*")) {
                inComment = !text.contains("*/");
                continue;
            }
            if (text.startsWith("//") || text.startsWith("package ")) {
                continue;
            }
            int comment = text.indexOf("//");
            code.add(comment < 0 ? text : text.substring(0, comment));
        }
        return code;
    }

    private static Set<String> reachable(String from, Map<String, Set<String>> dependencies) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(dependencies.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(dependencies.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }
}
