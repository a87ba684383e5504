package io.roster.tools;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@code roster ARGS} as its own JVM, as an operator's shell does: {@code java -jar tools/target/roster.jar} when
 * that jar is at least as new as the compiled RosterMain (it is under {@code mvn verify}), else RosterMain on this
 * test's class path minus its test-classes (so the child reads the shipped logback.xml, not logback-test.xml).
 */
final class RosterProcess {
    /** The JVM flags the {@code roster} script passes to every command (see the script for why each is there). */
    static final List<String> SCRIPT_FLAGS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "-Dsofa.middleware.log.disable=true", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
            "-Dsun.net.httpserver.nodelay=true");

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private RosterProcess() {
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        Path out = workDir.resolve("out-" + System.nanoTime());
        Path err = workDir.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(command(workDir, args)).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("roster " + String.join(" ", args) + " did not end in 60 s; stderr: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts {@code roster ARGS} with stdout a pipe to this JVM and stderr into {@code err}; the caller ends it. */
    static Process start(Path workDir, Path err, String... args) throws IOException {
        return new ProcessBuilder(command(workDir, args)).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(err.toFile()).start();
    }

    private static List<String> command(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SCRIPT_FLAGS);
        cmd.add("-Djava.io.tmpdir=" + workDir);
        Path jar = shippedJar();
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator)));
            cmd.add(RosterMain.class.getName());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** tools/target/roster.jar when it was built from the classes this test runs, else null. */
    private static Path shippedJar() throws IOException {
        Path jar = Path.of("..", "tools", "target", "roster.jar").toAbsolutePath().normalize();
        Path mainClass = Path.of("..", "tools", "target", "classes", "io", "roster", "tools", "RosterMain.class");
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        if (Files.isRegularFile(mainClass)
                && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(mainClass)) < 0) {
            return null;
        }
        return jar;
    }
}
