package io.roster.spring;

import io.roster.spring.discovery.RosterReactiveDiscoveryClient;
import io.roster.spring.discovery.RosterServiceCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

/** Spring Cloud's {@code ReactiveDiscoveryClient} over Roster, when Reactor is on the classpath. */
@AutoConfiguration(after = RosterClientAutoConfiguration.class,
        before = {SimpleReactiveDiscoveryClientAutoConfiguration.class, ReactiveCommonsClientAutoConfiguration.class})
@ConditionalOnClass(Flux.class)
@ConditionalOnDiscoveryEnabled
@ConditionalOnReactiveDiscoveryEnabled
@ConditionalOnBean(RosterServiceCatalog.class)
public class RosterReactiveDiscoveryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RosterReactiveDiscoveryClient rosterReactiveDiscoveryClient(RosterServiceCatalog catalog) {
        return new RosterReactiveDiscoveryClient(catalog);
    }
}
