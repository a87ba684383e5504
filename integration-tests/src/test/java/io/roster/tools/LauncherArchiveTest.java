package io.roster.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The `roster` launcher's class-data-sharing archives, run as processes: the repository's script in a copy of the
 * home whose tools/target/roster.jar is a small program printing its arguments and the JVM's options, so the test
 * neither needs nor touches the real jar.
 */
class LauncherArchiveTest {
    private static final String PROGRAM = """
            public class Echo {
                public static void main(String[] args) {
                    System.out.println("args: " + String.join(" ", args));
                    System.out.println("jvm: " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
                    System.out.flush();
                    if (java.util.Arrays.asList(args).contains("sleep")) {
                        try {
                            Thread.sleep(120_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    System.exit(java.util.Arrays.asList(args).contains("fail") ? 1 : 0);
                }
            }
            """;

    @TempDir
    Path tmp;
    private Path home;
    private Path jar;
    private Path archives;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void home() throws IOException {
        home = tmp.resolve("home");
        Files.createDirectories(home.resolve("tools/target"));
        Path script = home.resolve("roster");
        Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("roster"), script);
        jar = home.resolve("tools/target/roster.jar");
        archives = tmp.resolve("cds");
        writeJar("");
    }

    /** The program's jar; {@code padding} changes its size, as a rebuild would. */
    private void writeJar(String padding) throws IOException {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Echo.java"), PROGRAM);
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(), src.resolve("Echo.java").toString());
        assertThat(javac).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Echo");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            try (Stream<Path> classes = Files.list(src)) {
                for (Path c : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                    out.putNextEntry(new JarEntry(c.getFileName().toString()));
                    out.write(Files.readAllBytes(c));
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("padding.txt"));
            out.write(padding.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private String stamp() throws IOException {
        return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() / 1000;
    }

    private Run roster(Path cdsDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("roster").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("err").toFile())
                .redirectOutput(tmp.resolve("out").toFile());
        pb.environment().put("ROSTER_CDS_DIR", cdsDir.toString());
        pb.environment().remove("JAVA_OPTS");
        int code = pb.start().waitFor();
        return new Run(code, Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    private Process start(Path cdsDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("roster").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("err").toFile())
                .redirectOutput(tmp.resolve("out").toFile());
        pb.environment().put("ROSTER_CDS_DIR", cdsDir.toString());
        pb.environment().remove("JAVA_OPTS");
        return pb.start();
    }

    private List<String> archiveNames() throws IOException {
        try (Stream<Path> files = Files.list(archives)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Timeout(120)
    void theFirstSuccessfulRunMakesTheCommandsArchiveAndLaterRunsStartWithIt() throws Exception {
        Run first = roster(archives, "status", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out()).contains("args: status --json", "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=");
        assertThat(archiveNames()).containsExactly("status-" + stamp() + ".jsa");

        Run second = roster(archives, "status", "--json");
        assertThat(second.code()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).contains("args: status --json", "-XX:SharedArchiveFile=" + archives.resolve("status-" + stamp() + ".jsa"));

        Run pub = roster(archives, "pub", "x");
        assertThat(pub.out()).as("pub starts with the archive of status and makes none")
                .contains("-XX:SharedArchiveFile=" + archives.resolve("status-" + stamp() + ".jsa"));
        Run server = roster(archives, "server");
        assertThat(server.out()).as("server keeps its own flags").doesNotContain("-XX:TieredStopAtLevel", "SharedArchive", "ArchiveClasses");
        assertThat(archiveNames()).containsExactly("status-" + stamp() + ".jsa");
    }

    @Test
    @Timeout(120)
    void aRebuiltJarGetsNewArchivesAndTheOldOnesAreRemoved() throws Exception {
        assertThat(roster(archives, "slots").code()).isZero();
        String oldStamp = stamp();
        assertThat(archiveNames()).containsExactly("slots-" + oldStamp + ".jsa");

        writeJar("rebuilt");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        assertThat(stamp()).isNotEqualTo(oldStamp);
        Run rebuilt = roster(archives, "nodes");
        assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).doesNotContain("SharedArchiveFile");
        assertThat(archiveNames()).containsExactly("nodes-" + stamp() + ".jsa");
    }

    @Test
    @Timeout(120)
    void aFailedRunMakesNoArchiveAndABadOrUnwritableArchiveOnlyCostsTime() throws Exception {
        Run failed = roster(archives, "status", "fail");
        assertThat(failed.code()).as("the command's own exit code").isEqualTo(1);
        assertThat(archiveNames()).isEmpty();

        Files.write(archives.resolve("status-" + stamp() + ".jsa"), new byte[64 * 1024]);
        Run garbage = roster(archives, "status");
        assertThat(garbage.code()).isZero();
        assertThat(garbage.err()).isEmpty();
        assertThat(garbage.out()).startsWith("args: status\n");

        Path aFile = Files.writeString(tmp.resolve("a-file"), "");
        Run unwritable = roster(aFile.resolve("cds"), "meta", "peers");
        assertThat(unwritable.code()).isZero();
        assertThat(unwritable.err()).isEmpty();
        assertThat(unwritable.out()).startsWith("args: meta peers\n").doesNotContain("Archive");

        Run off = roster(Path.of("off"), "status");
        assertThat(off.out()).contains("-XX:TieredStopAtLevel=1").doesNotContain("Archive");
    }

    @Test
    @Timeout(120)
    void helpVersionAndWatchRunsMakeNoArchive() throws Exception {
        // --help loads a fraction of a command's classes: an archive from it would stay, slow, until the next build
        for (String[] args : List.of(new String[]{"status", "--help"}, new String[]{"slots", "-h"},
                new String[]{"nodes", "--version"}, new String[]{"status", "--watch", "1"}, new String[]{"slots", "-w", "1"})) {
            Run run = roster(archives, args);
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).doesNotContain("ArchiveClassesAtExit");
        }
        assertThat(Files.exists(archives) ? archiveNames() : List.of()).isEmpty();
        assertThat(roster(archives, "status").out()).contains("-XX:ArchiveClassesAtExit=");
        assertThat(archiveNames()).containsExactly("status-" + stamp() + ".jsa");
    }

    @Test
    @Timeout(120)
    void aPartialArchiveLeftByAGoneProcessIsRemoved() throws Exception {
        Files.createDirectories(archives);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long gone = ended.pid(); // a process that has exited
        Path leftover = Files.write(archives.resolve(".status-" + stamp() + "." + gone + ".jsa"), new byte[1024]);
        Path live = Files.write(archives.resolve(".status-" + stamp() + "." + ProcessHandle.current().pid() + ".jsa"), new byte[1024]);

        assertThat(roster(archives, "slots").code()).isZero();

        assertThat(leftover).doesNotExist();
        assertThat(live).as("a first run still under way keeps its file").exists();
        assertThat(archiveNames()).contains("slots-" + stamp() + ".jsa");
    }

    @Test
    @Timeout(120)
    void aSignalToTheLauncherDuringAFirstRunReachesTheCommand() throws Exception {
        Process launcher = start(archives, "status", "sleep");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> Files.readString(tmp.resolve("out")).contains("args: status sleep"));
        List<ProcessHandle> commands = launcher.descendants().toList();
        assertThat(commands).as("the first run records its archive from a child JVM").isNotEmpty();

        launcher.destroy(); // SIGTERM, as timeout(1) or a supervisor sends it

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> commands.stream().noneMatch(ProcessHandle::isAlive) && !launcher.isAlive());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !Files.exists(archives) || archiveNames().stream().noneMatch(n -> n.startsWith(".")));
    }
}
