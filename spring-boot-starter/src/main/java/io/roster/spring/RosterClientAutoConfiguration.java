package io.roster.spring;

import io.roster.client.RosterClient;
import io.roster.client.RosterClientBuilder;
import io.roster.spring.discovery.RosterServiceCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application's {@link RosterClient}, built from {@code roster.*} (connected when the context starts, closed
 * with it, which drops every registration of the application at its session), and the push-kept
 * {@link RosterServiceCatalog} discovery reads, which publishes a {@link HeartbeatEvent} after each push that changed
 * one of its lists.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "roster", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RosterProperties.class)
public class RosterClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RosterClient rosterClient(RosterProperties properties, Environment environment) {
        return builder(properties, environment).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public RosterServiceCatalog rosterServiceCatalog(RosterClient client, RosterProperties properties,
                                                     ApplicationEventPublisher events) {
        // Spring Cloud's signal that discovery changed: Gateway's discovery locator, for one, refreshes its routes on it.
        return new RosterServiceCatalog(client, properties.getDiscovery().getFirstListTimeout(),
                change -> events.publishEvent(new HeartbeatEvent(RosterServiceCatalog.class, change)));
    }

    /** The client's options from the properties; the app name falls back to {@code spring.application.name}. */
    static RosterClientBuilder builder(RosterProperties properties, Environment environment) {
        RosterClientBuilder builder = RosterClient.builder()
                .appName(appName(properties, environment))
                .zone(properties.getZone())
                .connectTimeout(properties.getConnectTimeout())
                .requestTimeout(properties.getRequestTimeout());
        boolean noSessions = properties.getSessions().isBlank();
        if (!properties.getMetaServers().isBlank()) {
            builder.metaServers(properties.getMetaServers());
        }
        if (!noSessions) {
            builder.sessions(properties.getSessions());
        } else if (properties.getMetaServers().isBlank()) {
            builder.sessions(RosterProperties.LOCAL_SESSION);
        }
        return builder;
    }

    static String appName(RosterProperties properties, Environment environment) {
        String name = properties.getAppName();
        if (name == null || name.isBlank()) {
            name = environment.getProperty("spring.application.name");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("Roster needs an application name: set spring.application.name or roster.app-name");
        }
        return name.trim();
    }
}
