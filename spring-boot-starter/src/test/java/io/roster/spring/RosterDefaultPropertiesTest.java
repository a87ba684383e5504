package io.roster.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RosterDefaultPropertiesTest {

    @Test
    void turnsTheLoadBalancerCacheOffBelowWhatTheApplicationSets() {
        StandardEnvironment plain = new StandardEnvironment();
        new RosterDefaultProperties().postProcessEnvironment(plain, new SpringApplication());
        assertThat(plain.getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("false");
        assertThat(plain.getProperty("logging.level.com.alipay.sofa.common.log")).isEqualTo("ERROR");

        StandardEnvironment own = new StandardEnvironment();
        own.getPropertySources().addFirst(new MapPropertySource("app", Map.of("spring.cloud.loadbalancer.cache.enabled", "true")));
        new RosterDefaultProperties().postProcessEnvironment(own, new SpringApplication());
        assertThat(own.getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("true");
    }

    @Test
    void routesBoltLoggingThroughSlf4jUnlessTheApplicationSaidOtherwise() {
        Properties fresh = new Properties();
        RosterDefaultProperties.routeBoltLogging(fresh);
        assertThat(fresh).containsEntry("sofa.middleware.log.disable", "true")
                .containsEntry("sofa.middleware.log.internal.level", "ERROR");

        Properties given = new Properties();
        given.setProperty("sofa.middleware.log.disable", "false");
        RosterDefaultProperties.routeBoltLogging(given);
        assertThat(given).containsEntry("sofa.middleware.log.disable", "false");
    }

    @Test
    void setsNothingWhenRosterIsOff() {
        StandardEnvironment off = new StandardEnvironment();
        off.getPropertySources().addFirst(new MapPropertySource("app", Map.of("roster.enabled", "false")));
        new RosterDefaultProperties().postProcessEnvironment(off, new SpringApplication());
        assertThat(off.getProperty("spring.cloud.loadbalancer.cache.enabled")).isNull();
    }
}
