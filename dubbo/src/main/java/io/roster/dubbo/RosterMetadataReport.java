package io.roster.dubbo;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.common.app.AppIds;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.RegistryLimits;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.logger.ErrorTypeAwareLogger;
import org.apache.dubbo.common.logger.LoggerFactory;
import org.apache.dubbo.common.utils.JsonUtils;
import org.apache.dubbo.metadata.MappingChangedEvent;
import org.apache.dubbo.metadata.MappingListener;
import org.apache.dubbo.metadata.MetadataInfo;
import org.apache.dubbo.metadata.definition.model.ServiceDefinition;
import org.apache.dubbo.metadata.report.MetadataReport;
import org.apache.dubbo.metadata.report.identifier.MetadataIdentifier;
import org.apache.dubbo.metadata.report.identifier.ServiceMetadataIdentifier;
import org.apache.dubbo.metadata.report.identifier.SubscriberMetadataIdentifier;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.apache.dubbo.common.constants.LoggerCodeConstants.REGISTRY_FAILED_FETCH_INSTANCE;

/**
 * Dubbo's metadata report on Roster, used automatically when the registry is {@code roster://} (Dubbo takes a
 * registry as metadata center when a report of its scheme exists). What it gives Dubbo:
 * <ul>
 *   <li>the interface-to-application mapping, read from Roster's providers index of the service's dataId (computed
 *       by the sessions from the revisions applications publish; pushed on change). A provider writes nothing:
 *       publishing its instance is what maps it, so {@code registerServiceAppMapping} just answers true;</li>
 *   <li>with {@code metadata-type=remote}, the MetadataInfo of each (application, revision) as JSON, one Roster
 *       publisher per instance under {@code <app>/<revision>} in group {@code DUBBO_METADATA} (gone with the
 *       instance; at most one data item, 16 KiB by default). With the default {@code local} type Dubbo's consumers
 *       ask the provider's MetadataService instead.</li>
 * </ul>
 * Service definitions and consumer metadata are not kept.
 */
public class RosterMetadataReport implements MetadataReport {
    static final String METADATA_GROUP = "DUBBO_METADATA";
    private static final ErrorTypeAwareLogger LOG = LoggerFactory.getErrorTypeAwareLogger(RosterMetadataReport.class);

    private final RosterClient client;
    private final long subscribeTimeoutMs;
    private final Map<String, DatumWatch> mappings = new ConcurrentHashMap<>();
    private final Map<MappingListener, Map<String, Consumer<List<String>>>> adapters = new ConcurrentHashMap<>();
    private final Map<String, Publication> published = new ConcurrentHashMap<>();

    public RosterMetadataReport(URL url) {
        this.subscribeTimeoutMs = url.getParameter(RosterRegistry.SUBSCRIBE_TIMEOUT_KEY, 5000L);
        this.client = RosterClients.connect(url, "dubbo");
    }

    @Override
    public boolean registerServiceAppMapping(String serviceKey, String application, URL url) {
        return true;
    }

    @Override
    public Set<String> getServiceAppMapping(String serviceKey, URL url) {
        return apps(mapping(url).awaitFirst(subscribeTimeoutMs));
    }

    @Override
    public Set<String> getServiceAppMapping(String serviceKey, MappingListener listener, URL url) {
        String providers = providersOf(url);
        DatumWatch watch = mapping(url);
        Set<String> current = apps(watch.awaitFirst(subscribeTimeoutMs));
        Consumer<List<String>> adapter = items -> listener.onEvent(new MappingChangedEvent(serviceKey, apps(items)));
        adapters.computeIfAbsent(listener, l -> new ConcurrentHashMap<>()).put(providers, adapter);
        watch.addListener(adapter);
        return current;
    }

    @Override
    public void removeServiceAppMappingListener(String serviceKey, MappingListener listener) {
        Map<String, Consumer<List<String>>> byDatum = adapters.remove(listener);
        if (byDatum != null) {
            byDatum.forEach((providers, adapter) -> {
                DatumWatch watch = mappings.get(providers);
                if (watch != null) {
                    watch.removeListener(adapter);
                }
            });
        }
    }

    @Override
    public void publishAppMetadata(SubscriberMetadataIdentifier identifier, MetadataInfo metadataInfo) {
        String dataInfoId = metadataDataInfoId(identifier);
        if (published.containsKey(dataInfoId)) {
            return;
        }
        published.put(dataInfoId, client.publish(dataInfoId, JsonUtils.toJson(metadataInfo)));
    }

    @Override
    public void unPublishAppMetadata(SubscriberMetadataIdentifier identifier, MetadataInfo metadataInfo) {
        Publication publication = published.remove(metadataDataInfoId(identifier));
        if (publication != null) {
            publication.unpublish();
        }
    }

    @Override
    public MetadataInfo getAppMetadata(SubscriberMetadataIdentifier identifier, Map<String, String> instanceMetadata) {
        DatumWatch once = new DatumWatch(client, metadataDataInfoId(identifier));
        try {
            List<String> items = once.awaitFirst(subscribeTimeoutMs);
            return items.isEmpty() ? null : JsonUtils.toJavaObject(items.get(0), MetadataInfo.class);
        } catch (RuntimeException e) {
            LOG.warn(REGISTRY_FAILED_FETCH_INSTANCE, "", "", "no MetadataInfo in Roster for " + identifier, e);
            return null;
        } finally {
            once.close();
        }
    }

    @Override
    public void destroy() {
        try {
            mappings.values().forEach(DatumWatch::close);
            mappings.clear();
        } finally {
            client.close();
        }
    }

    @Override
    public void storeProviderMetadata(MetadataIdentifier identifier, ServiceDefinition serviceDefinition) {
    }

    @Override
    public String getServiceDefinition(MetadataIdentifier identifier) {
        return null;
    }

    @Override
    public void storeConsumerMetadata(MetadataIdentifier identifier, Map<String, String> serviceParameterMap) {
    }

    @Override
    public List<String> getExportedURLs(ServiceMetadataIdentifier identifier) {
        return List.of();
    }

    @Override
    public void saveServiceMetadata(ServiceMetadataIdentifier identifier, URL url) {
    }

    @Override
    public void removeServiceMetadata(ServiceMetadataIdentifier identifier) {
    }

    @Override
    public void saveSubscribedData(SubscriberMetadataIdentifier identifier, Set<String> urls) {
    }

    @Override
    public List<String> getSubscribedURLs(SubscriberMetadataIdentifier identifier) {
        return List.of();
    }

    @Override
    public boolean shouldReportDefinition() {
        return false;
    }

    @Override
    public boolean shouldReportMetadata() {
        return false;
    }

    private DatumWatch mapping(URL url) {
        return mappings.computeIfAbsent(providersOf(url), id -> new DatumWatch(client, id));
    }

    /** Roster's providers index of the service {@code url} names (group and version included). */
    private static String providersOf(URL url) {
        return AppIds.providersDataInfoId(DubboDataIds.providers(url), RegistryLimits.DEFAULTS);
    }

    private static Set<String> apps(List<String> items) {
        return new LinkedHashSet<>(items);
    }

    private static String metadataDataInfoId(SubscriberMetadataIdentifier identifier) {
        return identifier.getApplication() + "/" + identifier.getRevision() + DataInfoId.SEPARATOR
                + DataInfoId.DEFAULT_INSTANCE_ID + DataInfoId.SEPARATOR + METADATA_GROUP;
    }
}
