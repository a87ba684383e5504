package io.roster.tools;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which commands log to stderr, and that the shipped logback.xml drops every event when the CLI asks it to. */
class CliLoggingTest {
    @Test
    void readAndClientCommandsRunWithTheConsoleLogOffAndSofasNoticeHidden() {
        for (String[] args : new String[][]{{"status", "--json"}, {"meta", "peers"}, {"sub", "x"}, {"slots"}, {}}) {
            assertThat(CliLogging.propertiesFor(args)).containsEntry(CliLogging.THRESHOLD_PROPERTY, "OFF")
                    .containsEntry(CliLogging.SOFA_CONSOLE_LEVEL_PROPERTY, "ERROR");
        }
    }

    @Test
    void verboseAndTheLongRunningCommandsKeepTheirLog() {
        for (String[] args : new String[][]{{"status", "--verbose"}, {"meta", "--verbose", "peers"}, {"server"},
                {"bench", "push"}, {"chaos"}}) {
            assertThat(CliLogging.propertiesFor(args)).as(String.join(" ", args))
                    .isEqualTo(Map.of(CliLogging.SOFA_CONSOLE_LEVEL_PROPERTY, "ERROR"));
        }
        // after "--" it is data, not the option
        assertThat(CliLogging.verbose(new String[]{"pub", "x", "--", "--verbose"})).isFalse();
    }

    @Test
    void verboseIsAnOptionOfEveryCommand() {
        assertThat(RosterMain.commandLine().parseArgs("meta", "peers", "--verbose").subcommand().subcommand()
                .hasMatchedOption("--verbose")).isTrue();
        assertThat(RosterMain.commandLine().parseArgs("status", "--verbose").subcommand().hasMatchedOption("--verbose")).isTrue();
    }

    @Test
    void theShippedConfigDropsEveryEventUnderThresholdOffAndNoneByDefault() throws Exception {
        assertThat(consoleDecision(null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(consoleDecision("OFF")).isEqualTo(FilterReply.DENY);
    }

    /** What the console appender's filters decide for an ERROR from bolt, with the threshold property set so. */
    private FilterReply consoleDecision(String threshold) throws Exception {
        LoggerContext context = new LoggerContext();
        if (threshold != null) {
            context.putProperty(CliLogging.THRESHOLD_PROPERTY, threshold);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
        try {
            Appender<ILoggingEvent> console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ERR");
            ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                    getClass().getName(), context.getLogger("com.alipay.remoting"), ch.qos.logback.classic.Level.ERROR,
                    "Fail to connect", null, null);
            return console.getFilterChainDecision(event);
        } finally {
            context.stop();
        }
    }
}
