package io.roster.dubbo;

import io.roster.client.ApplicationPublication;
import io.roster.client.RosterClient;
import io.roster.common.app.AppIds;
import io.roster.common.model.RegistryLimits;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.client.AbstractServiceDiscovery;
import org.apache.dubbo.registry.client.ServiceInstance;
import org.apache.dubbo.registry.client.event.ServiceInstancesChangedEvent;
import org.apache.dubbo.registry.client.event.listener.ServiceInstancesChangedListener;
import org.apache.dubbo.rpc.model.ApplicationModel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.apache.dubbo.metadata.RevisionResolver.EMPTY_REVISION;
import static org.apache.dubbo.registry.client.metadata.ServiceInstanceMetadataUtils.getExportedServicesRevision;

/**
 * Dubbo's application-level discovery on Roster's ({@code roster://host:port?registry-type=service}). The local
 * instance is one Roster application instance ({@link RosterClient#publishApplication}, see {@link DubboInstances});
 * a new Dubbo revision at the same address is an {@link ApplicationPublication#update}, so the instance never
 * leaves its consumers' lists during a rollout step. Each application a consumer needs is one Roster subscription of
 * its datum, shared by every Dubbo listener of it, and every push is a {@link ServiceInstancesChangedEvent} with all
 * of its instances: none left is an empty event, which empties the consumer's providers.
 */
public class RosterServiceDiscovery extends AbstractServiceDiscovery {
    private final RosterClient client;
    private final long subscribeTimeoutMs;
    private final Map<String, DatumWatch> apps = new ConcurrentHashMap<>();
    private final Map<ServiceInstancesChangedListener, Map<String, Consumer<List<String>>>> adapters =
            new ConcurrentHashMap<>();
    private volatile ApplicationPublication publication;

    public RosterServiceDiscovery(ApplicationModel applicationModel, URL registryUrl) {
        super(applicationModel, registryUrl);
        this.subscribeTimeoutMs = registryUrl.getParameter(RosterRegistry.SUBSCRIBE_TIMEOUT_KEY, 5000L);
        this.client = RosterClients.connect(registryUrl, serviceName == null ? "dubbo" : serviceName);
    }

    @Override
    protected void doRegister(ServiceInstance instance) {
        publication = client.publishApplication(instance.getServiceName(), DubboInstances.address(instance),
                DubboInstances.metadata(instance));
    }

    @Override
    protected void doUnregister(ServiceInstance instance) {
        ApplicationPublication p = publication;
        publication = null;
        if (p != null) {
            p.unpublish();
        }
    }

    @Override
    protected void doUpdate(ServiceInstance oldInstance, ServiceInstance newInstance) {
        ApplicationPublication p = publication;
        if (p == null || EMPTY_REVISION.equals(getExportedServicesRevision(newInstance))
                || !Objects.equals(p.address(), DubboInstances.address(newInstance))) {
            super.doUpdate(oldInstance, newInstance);
            return;
        }
        this.serviceInstance = newInstance;
        reportMetadata(newInstance.getServiceMetadata());
        p.update(DubboInstances.metadata(newInstance));
    }

    @Override
    protected void doDestroy() {
        try {
            apps.values().forEach(DatumWatch::close);
            apps.clear();
        } finally {
            client.close();
        }
    }

    /** The applications this discovery knows: its own and those it watches (Roster lists no others). */
    @Override
    public Set<String> getServices() {
        Set<String> names = new LinkedHashSet<>(apps.keySet());
        if (serviceName != null) {
            names.add(serviceName);
        }
        return names;
    }

    @Override
    public List<ServiceInstance> getInstances(String app) {
        return DubboInstances.of(app, watch(app).awaitFirst(subscribeTimeoutMs), applicationModel);
    }

    @Override
    public void addServiceInstancesChangedListener(ServiceInstancesChangedListener listener) {
        if (!instanceListeners.add(listener)) {
            return;
        }
        Map<String, Consumer<List<String>>> byApp = adapters.computeIfAbsent(listener, l -> new ConcurrentHashMap<>());
        for (String app : listener.getServiceNames()) {
            Consumer<List<String>> adapter = items ->
                    listener.onEvent(new ServiceInstancesChangedEvent(app, DubboInstances.of(app, items, applicationModel)));
            byApp.put(app, adapter);
            watch(app).addListener(adapter);
        }
    }

    @Override
    public void removeServiceInstancesChangedListener(ServiceInstancesChangedListener listener) {
        if (!instanceListeners.remove(listener)) {
            return;
        }
        Map<String, Consumer<List<String>>> byApp = adapters.remove(listener);
        if (byApp != null) {
            byApp.forEach((app, adapter) -> {
                DatumWatch watch = apps.get(app);
                if (watch != null) {
                    watch.removeListener(adapter);
                }
            });
        }
    }

    @Override
    public boolean isAvailable() {
        return !isDestroy() && client.isConnected();
    }

    /** The Roster instance of the local one, null while unregistered (for tests). */
    ApplicationPublication publication() {
        return publication;
    }

    private DatumWatch watch(String app) {
        return apps.computeIfAbsent(app, a -> new DatumWatch(client, AppIds.appDataInfoId(a, RegistryLimits.DEFAULTS)));
    }

    @Override
    public String toString() {
        return "RosterServiceDiscovery{" + registryURL.getAddress() + "}";
    }
}
