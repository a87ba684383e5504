package io.roster.spring;

import io.roster.client.RosterClient;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@code roster} health indicator (with Spring Boot Actuator): UP while the client is connected to a session
 * with every registration replayed, DOWN while it reconnects. Off with {@code management.health.roster.enabled=false}.
 */
@AutoConfiguration(after = RosterClientAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(RosterClient.class)
@ConditionalOnProperty(name = "management.health.roster.enabled", matchIfMissing = true)
public class RosterHealthAutoConfiguration {

    @Bean(name = "rosterHealthIndicator")
    @ConditionalOnMissingBean(name = "rosterHealthIndicator")
    public RosterHealthIndicator rosterHealthIndicator(RosterClient client) {
        return new RosterHealthIndicator(client);
    }

    /** Health of the application's connection to Roster. */
    public static class RosterHealthIndicator extends AbstractHealthIndicator {
        private final RosterClient client;

        public RosterHealthIndicator(RosterClient client) {
            super("Roster health check failed");
            this.client = client;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            String session = client.connectedSession();
            if (client.isConnected() && session != null) {
                builder.up().withDetail("session", session);
            } else {
                builder.down().withDetail("session", "none: reconnecting");
            }
            builder.withDetail("clientId", client.clientId());
        }
    }
}
