package io.roster.spring;

import io.roster.client.RosterClient;
import io.roster.spring.registry.RosterAutoServiceRegistration;
import io.roster.spring.registry.RosterRegistration;
import io.roster.spring.registry.RosterServiceRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code ServiceRegistry} over Roster, this application's {@link RosterRegistration}, and its registration at
 * startup (off with {@code spring.cloud.service-registry.auto-registration.enabled=false}).
 */
@AutoConfiguration(after = {RosterClientAutoConfiguration.class, UtilAutoConfiguration.class,
        AutoServiceRegistrationAutoConfiguration.class})
@ConditionalOnBean(RosterClient.class)
public class RosterServiceRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RosterServiceRegistry rosterServiceRegistry(RosterClient client) {
        return new RosterServiceRegistry(client);
    }

    @Bean
    @ConditionalOnMissingBean
    public RosterRegistration rosterRegistration(RosterProperties properties, Environment environment,
                                                 ObjectProvider<InetUtils> inetUtils) {
        RosterProperties.Registration own = properties.getRegistration();
        String host = own.getHost();
        if (host == null || host.isBlank()) {
            InetUtils utils = inetUtils.getIfAvailable();
            host = utils != null ? utils.findFirstNonLoopbackHostInfo().getIpAddress() : "127.0.0.1";
        }
        boolean secure = own.isSecure() || environment.getProperty("server.ssl.enabled", Boolean.class, false);
        return new RosterRegistration(RosterClientAutoConfiguration.appName(properties, environment), own.getInstanceId(),
                host, own.getPort(), secure, own.getMetadata());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(AutoServiceRegistrationProperties.class)
    @ConditionalOnProperty(name = "spring.cloud.service-registry.auto-registration.enabled", matchIfMissing = true)
    public RosterAutoServiceRegistration rosterAutoServiceRegistration(RosterServiceRegistry registry,
            AutoServiceRegistrationProperties properties, RosterRegistration registration) {
        return new RosterAutoServiceRegistration(registry, properties, registration);
    }
}
