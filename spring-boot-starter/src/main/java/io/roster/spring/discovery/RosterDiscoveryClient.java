package io.roster.spring.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import java.util.List;

/** Spring Cloud's blocking discovery over Roster: reads the push-kept {@link RosterServiceCatalog}. */
public class RosterDiscoveryClient implements DiscoveryClient {
    private final RosterServiceCatalog catalog;

    public RosterDiscoveryClient(RosterServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String description() {
        return "Roster discovery client";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return catalog.instances(serviceId);
    }

    @Override
    public List<String> getServices() {
        return catalog.services();
    }
}
