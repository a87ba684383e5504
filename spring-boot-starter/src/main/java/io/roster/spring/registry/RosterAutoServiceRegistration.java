package io.roster.spring.registry;

import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;

/**
 * Registers the application's instance once its web server knows its port (Spring Cloud's
 * {@code WebServerInitializedEvent}), and deregisters it when the context stops, before the web server goes away.
 */
public class RosterAutoServiceRegistration extends AbstractAutoServiceRegistration<RosterRegistration> {
    private final RosterRegistration registration;
    private final AutoServiceRegistrationProperties properties;

    public RosterAutoServiceRegistration(RosterServiceRegistry serviceRegistry,
                                         AutoServiceRegistrationProperties properties, RosterRegistration registration) {
        super(serviceRegistry, properties);
        this.registration = registration;
        this.properties = properties;
    }

    @Override
    protected void register() {
        if (registration.getPort() <= 0) {
            registration.setPort(getPort().get());
        }
        super.register();
    }

    @Override
    protected Object getConfiguration() {
        return properties;
    }

    @Override
    protected boolean isEnabled() {
        return properties.isEnabled();
    }

    @Override
    protected RosterRegistration getRegistration() {
        return registration;
    }

    @Override
    protected RosterRegistration getManagementRegistration() {
        return null;
    }
}
