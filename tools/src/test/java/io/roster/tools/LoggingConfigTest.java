package io.roster.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** The logback.xml shipped in roster.jar parses cleanly (the tests themselves run with logback-test.xml). */
class LoggingConfigTest {
    @Test
    void shippedLogbackConfigHasNoErrors() throws Exception {
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        assertThat(shipped).isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(shipped);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN)
                .extracting(Status::getMessage)
                .isEmpty();
        assertThat(context.getLogger("com.alipay.sofa.common.log").getLevel().toString()).isEqualTo("ERROR");
        context.stop();
    }

    /** While a peer is down bolt logs the same error with a stack trace ~10 times a second: the node prints it once. */
    @Test
    void aRepeatedBoltErrorPassesTheConsoleAppenderOncePerMinute() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
        Appender<ILoggingEvent> console = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ERR");
        int bolt = 0;
        int roster = 0;
        for (int i = 0; i < 100; i++) {
            LoggingEvent refused = new LoggingEvent(getClass().getName(), context.getLogger("com.alipay.sofa.common.log"), Level.ERROR,
                    "Exception occurred in async create connection thread for {}, taskName {}",
                    new ConnectException("Connection refused"), new Object[]{"127.0.0.3:9611", "ConnectionPoolCall"});
            bolt += console.getFilterChainDecision(refused) == FilterReply.DENY ? 0 : 1;
            LoggingEvent own = new LoggingEvent(getClass().getName(), context.getLogger("io.roster.meta.leader.LeaderLoop"), Level.INFO,
                    "a roster line", null, null);
            roster += console.getFilterChainDecision(own) == FilterReply.DENY ? 0 : 1;
        }
        context.stop();
        assertThat(bolt).isEqualTo(1);
        assertThat(roster).isEqualTo(100);
    }
}
