package io.roster.tools.output;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The --watch loop on a fake clock: frames, what separates them, and what ends the loop. */
class WatchLoopTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final StringWriter screen = new StringWriter();
    private int polls;

    private WatchLoop loop(boolean terminal, long maxFrames) {
        return new WatchLoop(new PrintWriter(screen), terminal, Duration.ofMillis(1500), sleeps::add, maxFrames, () -> false);
    }

    private int frame(PrintWriter out) {
        polls++;
        out.println("frame " + polls);
        return 0;
    }

    @Test
    void toAPipeFramesFollowEachOtherSeparatedByABlankLineWithoutEscapeCodes() {
        int code = loop(false, 3).run(this::frame);
        assertThat(code).isZero();
        assertThat(screen.toString()).isEqualTo("frame 1\n\nframe 2\n\nframe 3\n").doesNotContain("\u001b");
        assertThat(sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(1500));
    }

    @Test
    void onATerminalEachFrameClearsTheScreenFirst() {
        loop(true, 2).run(this::frame);
        assertThat(screen.toString()).isEqualTo(WatchLoop.CLEAR + "frame 1\n" + WatchLoop.CLEAR + "frame 2\n");
    }

    @Test
    void endsWhenStdoutIsClosed() {
        Writer closesAfterTwoFrames = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                if (new String(buf, off, len).contains("frame 3")) {
                    throw new IOException("Broken pipe");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int code = new WatchLoop(new PrintWriter(closesAfterTwoFrames), false, Duration.ofSeconds(1), sleeps::add, Long.MAX_VALUE, () -> false)
                .run(this::frame);
        assertThat(code).isZero();
        assertThat(polls).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aFailedPollIsShownAndTheLoopGoesOnButBadUsageEndsIt() {
        int[] codes = {1, 0, 2, 0};
        int code = loop(false, 10).run(out -> {
            out.println("poll " + polls);
            return codes[polls++];
        });
        assertThat(code).isEqualTo(2);
        assertThat(polls).isEqualTo(3);
        assertThat(screen.toString()).isEqualTo("poll 0\n\npoll 1\n\npoll 2\n");
    }

    @Test
    void anInterruptEndsTheLoop() {
        int code = new WatchLoop(new PrintWriter(screen), false, Duration.ofSeconds(1), d -> {
            throw new InterruptedException();
        }, Long.MAX_VALUE, () -> false).run(this::frame);
        assertThat(code).isZero();
        assertThat(polls).isEqualTo(1);
        assertThat(Thread.interrupted()).isTrue();
    }
}
