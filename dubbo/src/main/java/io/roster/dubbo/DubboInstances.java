package io.roster.dubbo;

import io.roster.client.ApplicationMetadata;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceSpec;
import org.apache.dubbo.common.logger.ErrorTypeAwareLogger;
import org.apache.dubbo.common.logger.LoggerFactory;
import org.apache.dubbo.metadata.MetadataInfo;
import org.apache.dubbo.registry.client.DefaultServiceInstance;
import org.apache.dubbo.registry.client.ServiceInstance;
import org.apache.dubbo.rpc.model.ApplicationModel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.dubbo.common.constants.LoggerCodeConstants.REGISTRY_FAILED_FETCH_INSTANCE;

/**
 * Dubbo application instances to and from Roster application instances. A Dubbo instance is published as one
 * Roster instance of its application at {@code host:port}: its revision lists each exported service under the
 * dataId {@link DubboDataIds} gives it, with the service's parameters plus {@code protocol}, {@code path} and
 * {@code port} (so Roster's interface-level subscribers, {@code roster://} consumers included, can call it), and the
 * instance's own parameters are Dubbo's instance metadata (revision, endpoints, metadata-service parameters). A
 * parameter over Roster's limits (more than 64, a value over 1024 characters, e.g. a huge method list) is left out
 * of the Roster revision only: Dubbo's consumers read the service definitions from the MetadataInfo.
 */
final class DubboInstances {
    private static final ErrorTypeAwareLogger LOG = LoggerFactory.getErrorTypeAwareLogger(DubboInstances.class);

    private DubboInstances() {
    }

    static String address(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    static ApplicationMetadata metadata(ServiceInstance instance) {
        ApplicationMetadata.Builder builder = ApplicationMetadata.builder();
        MetadataInfo info = instance.getServiceMetadata();
        if (info != null && info.getServices() != null) {
            for (MetadataInfo.ServiceInfo service : info.getServices().values()) {
                Map<String, String> params = new TreeMap<>();
                if (service.getParams() != null) {
                    params.putAll(service.getParams());
                }
                params.put("protocol", service.getProtocol());
                params.put("path", service.getPath() == null ? service.getName() : service.getPath());
                if (service.getPort() > 0) {
                    params.put("port", String.valueOf(service.getPort()));
                }
                builder.addInterface(DubboDataIds.providers(service.getServiceKey()), withinLimits(service.getServiceKey(), params));
            }
        }
        withinLimits(instance.getServiceName(), instance.getMetadata()).forEach(builder::instanceParam);
        return builder.build();
    }

    /** The Dubbo instances of {@code app} in the items of its Roster datum; an item that does not decode is skipped. */
    static List<ServiceInstance> of(String app, List<String> items, ApplicationModel model) {
        List<ServiceInstance> out = new ArrayList<>(items.size());
        for (String item : items) {
            try {
                AppInstance roster = AppInstance.decode(item.getBytes(StandardCharsets.UTF_8));
                String address = roster.address();
                int colon = address.lastIndexOf(':');
                DefaultServiceInstance instance = new DefaultServiceInstance(app, address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), model);
                instance.setMetadata(new TreeMap<>(roster.params()));
                out.add(instance);
            } catch (RuntimeException e) {
                LOG.warn(REGISTRY_FAILED_FETCH_INSTANCE, "", "", "skipping an instance of " + app
                        + " that is not host:port: " + item, e);
            }
        }
        return out;
    }

    private static Map<String, String> withinLimits(String owner, Map<String, String> params) {
        Map<String, String> kept = new TreeMap<>();
        if (params == null) {
            return kept;
        }
        params.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > InterfaceSpec.MAX_PARAM_KEY_CHARS || v == null
                    || v.length() > InterfaceSpec.MAX_PARAM_VALUE_CHARS || kept.size() >= InterfaceSpec.MAX_PARAMS) {
                LOG.info("parameter " + k + " of " + owner + " is over Roster's limits; not in the Roster revision");
            } else {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
