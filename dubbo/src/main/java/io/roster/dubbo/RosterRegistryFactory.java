package io.roster.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.support.AbstractRegistryFactory;

/** The {@code roster} registry extension: {@code <dubbo:registry address="roster://127.0.0.1:9601"/>}. */
public class RosterRegistryFactory extends AbstractRegistryFactory {
    @Override
    protected Registry createRegistry(URL url) {
        return new RosterRegistry(url);
    }
}
