package io.roster.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Defaults the starter sets, below every property the application gives: Spring Cloud LoadBalancer's instance cache
 * off ({@code spring.cloud.loadbalancer.cache.enabled=false}). Roster pushes every change into the discovery client's
 * own in-memory lists, so reading them per call costs nothing, while the cache (35 s by default) would keep calling a
 * stopped instance long after Roster removed it.
 */
public class RosterDefaultProperties implements EnvironmentPostProcessor {
    static final String SOURCE = "rosterDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("roster.enabled", Boolean.class, true) || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of("spring.cloud.loadbalancer.cache.enabled", "false")));
    }
}
