package io.roster.tools;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

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
}
