package io.roster.spring.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Spring Cloud's reactive discovery over Roster. A service id's first lookup may wait for its first push, so lookups
 * run on the bounded-elastic scheduler, never on an event loop; later ones read the pushed list at once.
 */
public class RosterReactiveDiscoveryClient implements ReactiveDiscoveryClient {
    private final RosterServiceCatalog catalog;

    public RosterReactiveDiscoveryClient(RosterServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String description() {
        return "Roster reactive discovery client";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.defer(() -> Flux.fromIterable(catalog.instances(serviceId))).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Flux<String> getServices() {
        return Flux.defer(() -> Flux.fromIterable(catalog.services())).subscribeOn(Schedulers.boundedElastic());
    }
}
