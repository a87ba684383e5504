package io.roster.dubbo;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.Subscription;
import io.roster.client.SubscriptionListener;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.logger.ErrorTypeAwareLogger;
import org.apache.dubbo.common.logger.LoggerFactory;
import org.apache.dubbo.registry.NotifyListener;
import org.apache.dubbo.registry.support.FailbackRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.apache.dubbo.common.constants.CommonConstants.ANY_VALUE;
import static org.apache.dubbo.common.constants.LoggerCodeConstants.REGISTRY_EMPTY_ADDRESS;
import static org.apache.dubbo.common.constants.RegistryConstants.CATEGORY_KEY;
import static org.apache.dubbo.common.constants.RegistryConstants.DEFAULT_CATEGORY;
import static org.apache.dubbo.common.constants.RegistryConstants.PROVIDERS_CATEGORY;

/**
 * Dubbo's interface-level registry on Roster ({@code roster://host:port}). {@code register} publishes the URL (one
 * Roster publisher, the full URL as its item, under {@link DubboDataIds}); {@code subscribe} subscribes the
 * providers datum and notifies the whole matching list on every Roster push, or one {@code empty://} URL when no
 * provider is left; categories Roster does not hold (configurators, routers) get one {@code empty://} URL each at
 * subscription. Publishers go with the client: a provider that dies leaves its consumers' lists within the session
 * lease. Retries of failed calls are FailbackRegistry's; reconnects and replays are the SDK's.
 */
public class RosterRegistry extends FailbackRegistry {
    static final String SUBSCRIBE_TIMEOUT_KEY = "roster.subscribe-timeout";
    private static final ErrorTypeAwareLogger LOG = LoggerFactory.getErrorTypeAwareLogger(RosterRegistry.class);

    private final RosterClient client;
    private final long subscribeTimeoutMs;
    private final Map<URL, Publication> published = new ConcurrentHashMap<>();
    private final Map<URL, Map<NotifyListener, ProvidersWatch>> watches = new ConcurrentHashMap<>();

    public RosterRegistry(URL url) {
        super(url);
        this.subscribeTimeoutMs = url.getParameter(SUBSCRIBE_TIMEOUT_KEY, 5000L);
        this.client = RosterClients.connect(url, "dubbo");
    }

    @Override
    public void doRegister(URL url) {
        Publication old = published.put(url, client.publish(DubboDataIds.of(url), url.toFullString()));
        if (old != null) {
            old.unpublish();
        }
    }

    @Override
    public void doUnregister(URL url) {
        Publication publication = published.remove(url);
        if (publication != null) {
            publication.unpublish();
        }
    }

    @Override
    public void doSubscribe(URL url, NotifyListener listener) {
        if (ANY_VALUE.equals(url.getServiceInterface())) {
            // Roster has no listing of every service; an admin-style subscription gets nothing.
            LOG.warn(REGISTRY_EMPTY_ADDRESS, "", "", "roster registry does not serve subscriptions to every service: " + url);
            return;
        }
        List<URL> others = new ArrayList<>();
        boolean providers = false;
        for (String category : url.getParameter(CATEGORY_KEY, new String[] {DEFAULT_CATEGORY})) {
            if (PROVIDERS_CATEGORY.equals(category)) {
                providers = true;
            } else {
                others.add(ProviderUrls.empty(url, category));
            }
        }
        if (!providers) {
            notify(url, listener, others);
            return;
        }
        ProvidersWatch watch = new ProvidersWatch(url, listener, others);
        ProvidersWatch old = watches.computeIfAbsent(url, u -> new ConcurrentHashMap<>()).put(listener, watch);
        if (old != null) {
            old.close();
        }
        watch.subscription = client.subscribe(DubboDataIds.providers(url), SubscriptionListener.strings(watch::onData));
        watch.awaitFirst(subscribeTimeoutMs);
    }

    @Override
    public void doUnsubscribe(URL url, NotifyListener listener) {
        Map<NotifyListener, ProvidersWatch> byListener = watches.get(url);
        ProvidersWatch watch = byListener == null ? null : byListener.remove(listener);
        if (watch != null) {
            watch.close();
        }
    }

    @Override
    public boolean isAvailable() {
        return client.isConnected();
    }

    @Override
    public void destroy() {
        try {
            super.destroy();
        } finally {
            client.close();
        }
    }

    /** One consumer's subscription of a providers datum. */
    private final class ProvidersWatch {
        private final URL url;
        private final NotifyListener listener;
        private final List<URL> otherCategories;
        private final CountDownLatch first = new CountDownLatch(1);
        private volatile Subscription subscription;
        private volatile boolean closed;

        ProvidersWatch(URL url, NotifyListener listener, List<URL> otherCategories) {
            this.url = url;
            this.listener = listener;
            this.otherCategories = otherCategories;
        }

        void onData(String dataInfoId, List<String> items, long version) {
            if (closed) {
                return;
            }
            List<URL> urls = ProviderUrls.of(url, items, PROVIDERS_CATEGORY);
            if (first.getCount() > 0) {
                urls = new ArrayList<>(urls);
                urls.addAll(otherCategories);
            }
            RosterRegistry.this.notify(url, listener, urls);
            first.countDown();
        }

        /** Waits for the first list, so a consumer's check sees the providers, as with Dubbo's other registries. */
        void awaitFirst(long timeoutMs) {
            try {
                if (!first.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                    LOG.warn(REGISTRY_EMPTY_ADDRESS, "", "", "no providers list from Roster within " + timeoutMs
                            + " ms for " + url.getServiceKey() + "; it is notified when it comes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            closed = true;
            Subscription s = subscription;
            if (s != null) {
                s.unsubscribe();
            }
        }
    }
}
