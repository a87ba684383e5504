package io.roster.tools;

import io.roster.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read command, and a client command, as its own process, the way scripts call them: on success stderr is
 * empty (no "Sofa-Middleware-Log is disabled", no SDK/bolt/jraft log lines) and the exit code is 0; an unreachable
 * cluster is exit 1 with one line on stderr; a bad option is exit 2.
 */
@Timeout(300)
class QuietCliProcessTest {
    @RegisterExtension
    static final StandaloneCluster cluster = new StandaloneCluster();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"status", "nodes", "slots", "sessions", "meta peers", "push status", "apps", "status --json"})
    void aSuccessfulReadCommandPrintsNothingOnStderr(String command) throws Exception {
        String[] args = (command + " --meta " + cluster.metaAddress()).split(" ");
        RosterProcess.Result r = RosterProcess.run(work, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isNotBlank();
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    @Test
    void aSuccessfulClientCommandPrintsNothingOnStderr() throws Exception {
        RosterProcess.Result r = RosterProcess.run(work, "sub", "--count", "1", "--sessions", cluster.sessionAddress(),
                "quiet.cli.Service");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("quiet.cli.Service");
        assertThat(r.err()).as(r.toString()).isEmpty();
    }

    @Test
    void verboseShowsTheClientLibrariesLog() throws Exception {
        RosterProcess.Result r = RosterProcess.run(work, "sub", "--verbose", "--count", "1", "--sessions",
                cluster.sessionAddress(), "quiet.cli.Verbose");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("Connected to session").doesNotContain("Sofa-Middleware-Log");
    }

    @Test
    void aClosedPortIsExitOneWithOneLineOnStderr() throws Exception {
        int closed = FreePorts.free();
        RosterProcess.Result r = RosterProcess.run(work, "status", "--meta", "127.0.0.1:" + closed, "--timeout-ms", "2000");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err().lines()).as(r.toString()).hasSize(1).first().asString().startsWith("roster status: ");
    }

    @Test
    void aBadOptionIsExitTwo() throws Exception {
        RosterProcess.Result r = RosterProcess.run(work, "slots", "--no-such-option", "--meta", cluster.metaAddress());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("Unknown option: '--no-such-option'");
    }
}
