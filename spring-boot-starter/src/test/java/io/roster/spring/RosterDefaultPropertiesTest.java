package io.roster.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RosterDefaultPropertiesTest {

    @Test
    void turnsTheLoadBalancerCacheOffBelowWhatTheApplicationSets() {
        StandardEnvironment plain = new StandardEnvironment();
        new RosterDefaultProperties().postProcessEnvironment(plain, new SpringApplication());
        assertThat(plain.getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("false");

        StandardEnvironment own = new StandardEnvironment();
        own.getPropertySources().addFirst(new MapPropertySource("app", Map.of("spring.cloud.loadbalancer.cache.enabled", "true")));
        new RosterDefaultProperties().postProcessEnvironment(own, new SpringApplication());
        assertThat(own.getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("true");
    }

    @Test
    void setsNothingWhenRosterIsOff() {
        StandardEnvironment off = new StandardEnvironment();
        off.getPropertySources().addFirst(new MapPropertySource("app", Map.of("roster.enabled", "false")));
        new RosterDefaultProperties().postProcessEnvironment(off, new SpringApplication());
        assertThat(off.getProperty("spring.cloud.loadbalancer.cache.enabled")).isNull();
    }
}
