package io.roster.spring;

import io.roster.spring.discovery.RosterDiscoveryClient;
import io.roster.spring.discovery.RosterServiceCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Spring Cloud's {@code DiscoveryClient} over Roster (off with {@code spring.cloud.discovery.enabled=false}). */
@AutoConfiguration(after = RosterClientAutoConfiguration.class,
        before = {SimpleDiscoveryClientAutoConfiguration.class, CommonsClientAutoConfiguration.class})
@ConditionalOnDiscoveryEnabled
@ConditionalOnBlockingDiscoveryEnabled
@ConditionalOnBean(RosterServiceCatalog.class)
public class RosterDiscoveryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RosterDiscoveryClient rosterDiscoveryClient(RosterServiceCatalog catalog) {
        return new RosterDiscoveryClient(catalog);
    }
}
