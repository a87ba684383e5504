package io.roster.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.client.AbstractServiceDiscoveryFactory;
import org.apache.dubbo.registry.client.ServiceDiscovery;

/** The {@code roster} service discovery extension, used for {@code roster://host:port?registry-type=service}. */
public class RosterServiceDiscoveryFactory extends AbstractServiceDiscoveryFactory {
    @Override
    protected ServiceDiscovery createDiscovery(URL registryUrl) {
        return new RosterServiceDiscovery(applicationModel, registryUrl);
    }
}
