package io.roster.release;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * roster-VERSION.tar.gz (built by the distribution module in {@code package}) unpacked into an empty directory, and
 * its {@code bin/roster} run as an operator would on a bare machine: a clean environment holding only PATH (java's
 * bin directory, nothing else: no Maven, no coreutils) and HOME, so nothing of the build or the source checkout can
 * leak in.
 */
final class UnpackedRelease {
    /** Set by the failsafe configuration of the parent pom. */
    static final String TARBALL_PROPERTY = "roster.release.tarball";

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Path userHome;

    private UnpackedRelease(Path home, Path userHome) {
        this.home = home;
        this.userHome = userHome;
    }

    /** Unpacks the tarball into {@code dir/unpacked} (which must not exist yet): the release is its one entry. */
    static UnpackedRelease unpack(Path dir) throws IOException, InterruptedException {
        String tarball = System.getProperty(TARBALL_PROPERTY);
        assertThat(tarball).as("system property " + TARBALL_PROPERTY + " (set by failsafe: run with mvn verify)").isNotBlank();
        assertThat(Path.of(tarball)).as("the release tarball: `mvn -B package` builds it in distribution/target").isRegularFile();
        Path target = dir.resolve("unpacked");
        Files.createDirectories(target);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball, "-C", target.toString()).inheritIO().start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).as("tar ended").isTrue();
        assertThat(tar.exitValue()).as("tar -xzf " + tarball).isZero();
        List<Path> entries;
        try (Stream<Path> s = Files.list(target)) {
            entries = s.toList();
        }
        assertThat(entries).as("one top directory roster-VERSION").hasSize(1);
        assertThat(entries.get(0).getFileName().toString()).startsWith("roster-");
        Path userHome = dir.resolve("user-home");
        Files.createDirectories(userHome);
        return new UnpackedRelease(entries.get(0), userHome);
    }

    Path home() {
        return home;
    }

    /** {@code bin/roster ARGS} in {@code workDir}, in the clean environment, stdout and stderr into files there. */
    Process start(Path workDir, String name, String... args) throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/roster").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(workDir.resolve(name + ".out").toFile())
                .redirectError(workDir.resolve(name + ".err").toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin").toString());
        env.put("HOME", userHome.toString());
        return pb.start();
    }

    /** Runs {@code bin/roster ARGS} to its end (at most 60 s). */
    Run run(Path workDir, String... args) throws IOException, InterruptedException {
        String name = "run-" + System.nanoTime();
        Process p = start(workDir, name, args);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("bin/roster " + String.join(" ", args) + " did not end in 60 s");
        }
        return new Run(p.exitValue(), Files.readString(workDir.resolve(name + ".out")), Files.readString(workDir.resolve(name + ".err")));
    }

    /** The HTTP status of GET url, or -1 when nothing answers. */
    static int httpStatus(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, as systemctl stop sends it; then waits for the JVM to end (at most 30 s) and returns its exit code. */
    static int stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the node did not stop within 30 s of SIGTERM");
        }
        return p.exitValue();
    }

    /** Kills whatever is still running (a failed test), so no node outlives it. */
    static void kill(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
