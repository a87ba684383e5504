package io.roster.session.lever;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's stop-push survives a restart: it is the presence of a file in the session's data dir. */
class PushStopFileTest {
    @TempDir
    Path dir;

    @Test
    void stopPushIsKeptAcrossInstancesUntilStartedAgain() {
        Path sessionDir = dir.resolve("session-9600");
        PushStopFile first = new PushStopFile(sessionDir);
        assertThat(first.stopped()).isFalse();

        first.write(true);
        assertThat(new PushStopFile(sessionDir).stopped()).as("as a restarted session reads it").isTrue();
        first.write(true);

        new PushStopFile(sessionDir).write(false);
        assertThat(first.stopped()).isFalse();
        assertThat(sessionDir).isDirectoryNotContaining("glob:**.tmp");
    }
}
