package io.roster.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatThrottleFilterTest {
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String logger, String message, long at) {
        LoggingEvent e = new LoggingEvent(getClass().getName(), context.getLogger(logger), Level.ERROR, message, null, null);
        e.setTimeStamp(at);
        return e;
    }

    @Test
    void aRepeatedBoltErrorPassesOncePerInterval() {
        RepeatThrottleFilter filter = new RepeatThrottleFilter();
        filter.start();
        String bolt = "com.alipay.sofa.common.log";
        String dead = "Exception occurred in async create connection thread for 127.0.0.3:9611, taskName ConnectionPoolCall";
        assertThat(filter.decide(event(bolt, dead, 1_000))).isEqualTo(FilterReply.NEUTRAL);
        for (long t = 1_100; t < 61_000; t += 100) {
            assertThat(filter.decide(event(bolt, dead, t))).as("at " + t).isEqualTo(FilterReply.DENY);
        }
        assertThat(filter.decide(event(bolt, dead, 61_000))).as("a minute later").isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(bolt, dead.replace("127.0.0.3", "127.0.0.4"), 61_100)))
                .as("another peer is another line").isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void rosterLinesAreNeverThrottled() {
        RepeatThrottleFilter filter = new RepeatThrottleFilter();
        filter.start();
        for (int i = 0; i < 10; i++) {
            assertThat(filter.decide(event("io.roster.common.heartbeat.HeartbeatLoop", "heartbeat refused", i))).isEqualTo(FilterReply.NEUTRAL);
        }
    }

    @Test
    void manyDistinctTextsDoNotGrowWithoutBound() {
        RepeatThrottleFilter filter = new RepeatThrottleFilter();
        filter.start();
        for (int i = 0; i < RepeatThrottleFilter.MAX_TRACKED * 3; i++) {
            assertThat(filter.decide(event("com.alipay.remoting", "line " + i, 5))).isEqualTo(FilterReply.NEUTRAL);
        }
        assertThat(filter.decide(event("com.alipay.remoting", "line " + (RepeatThrottleFilter.MAX_TRACKED * 3 - 1), 6)))
                .as("the newest text is still tracked").isEqualTo(FilterReply.DENY);
    }
}
