package io.roster.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.Properties;

/**
 * Defaults the starter sets, below every property the application gives: Spring Cloud LoadBalancer's instance cache
 * off ({@code spring.cloud.loadbalancer.cache.enabled=false}). Roster pushes every change into the discovery client's
 * own in-memory lists, so reading them per call costs nothing, while the cache (35 s by default) would keep calling a
 * stopped instance long after Roster removed it. And the logger {@code com.alipay.sofa.common.log} at ERROR: the SDK's
 * transport (SOFABolt) reports routine events there at INFO and WARN (a connection opened, its water marks).
 *
 * <p>It also routes the SDK's transport (SOFABolt) logs through the application's SLF4J logging: the system
 * properties {@code sofa.middleware.log.disable=true} and {@code sofa.middleware.log.internal.level=ERROR}, unless
 * given (a {@code -D} wins). Without them bolt's logging library prints a stack trace at every start under Spring
 * Boot's logback 1.5 and may write files under {@code ~/logs}. They must be set before bolt loads, which is here:
 * the client is built later, with the context.
 */
public class RosterDefaultProperties implements EnvironmentPostProcessor {
    static final String SOURCE = "rosterDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("roster.enabled", Boolean.class, true) || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        routeBoltLogging(System.getProperties());
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of("spring.cloud.loadbalancer.cache.enabled", "false",
                        "logging.level.com.alipay.sofa.common.log", "ERROR")));
    }

    static void routeBoltLogging(Properties systemProperties) {
        systemProperties.putIfAbsent("sofa.middleware.log.disable", "true");
        systemProperties.putIfAbsent("sofa.middleware.log.internal.level", "ERROR");
    }
}
